import { Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { COMPLIANCE_PACKS, wildcardResourceFinding } from './identity-pool-nag';

/**
 * Acknowledges AwsSolutions-IAM5 for the execute-api ARNs whose `*` stands for a path parameter,
 * one finding id per ARN, on the construct that holds the grant. Wildcards a caller asked for
 * (every path or every method, via `grantInvoke`) stay reported.
 */
export function acknowledgeParameterWildcards(holder: IConstruct, arns: { arn: string; path: string }[], route: string): void {
  for (const a of arns) {
    if (!a.path.includes('*')) continue;
    Validations.of(holder).acknowledge({
      id: wildcardResourceFinding(holder, a.arn),
      reason: `Each '*' in this execute-api ARN is a path parameter of ${route}: API Gateway puts the caller's value there, so the grant is that route only (addRoute refuses routes whose grants a deeper path would leak into).`,
    });
  }
}

/** What the stage and its access logs leave out by design, for the compliance packs. */
export interface StageFindingsOptions {
  /** X-Ray tracing is on. */
  readonly tracingEnabled: boolean;
  /** A WAF web ACL is associated. */
  readonly webAcl: boolean;
  /** Why no web ACL is associated. */
  readonly wafReason: string;
}

/**
 * Acknowledges, on the stage and on the access log group only, the HIPAA, NIST 800-53 R5 and
 * PCI DSS findings that follow from the construct's design. Tracing and WAF are acknowledged only
 * while they are off.
 */
export function acknowledgeStageFindings(stage: apigateway.Stage, accessLogs: logs.ILogGroup, options: StageFindingsOptions): void {
  const acknowledge = (scope: IConstruct, rule: string, packs: string[], reason: string) => {
    for (const pack of packs) Validations.of(scope).acknowledge({ id: `${pack}-${rule}`, reason });
  };
  // HIPAA alone has the X-Ray rule; NIST and PCI alone have the WAF rule.
  acknowledge(stage, 'APIGWCacheEnabledAndEncrypted', COMPLIANCE_PACKS,
    'Stage caching is off by design: responses depend on the SigV4 caller (identity id, group role) and a stage cache keyed by path and parameters would serve one identity\'s answer to another; nothing is cached, so there is nothing to encrypt.');
  acknowledge(stage, 'APIGWSSLEnabled', COMPLIANCE_PACKS,
    'A client certificate authenticates API Gateway to an HTTP backend; routes reach Lambda and AWS services through IAM. For an HTTP integration, set a client certificate on the stage.');
  if (!options.tracingEnabled) {
    acknowledge(stage, 'APIGWXrayEnabled', ['HIPAA.Security'],
      'X-Ray tracing is opt-in (tracingEnabled: true), billed per trace; the access log records every request and its caller.');
  }
  if (!options.webAcl) acknowledge(stage, 'APIGWAssociatedWithWAF', ['NIST.800.53.R5', 'PCI.DSS.321'], options.wafReason);
  acknowledge(accessLogs, 'CloudWatchLogGroupEncrypted', COMPLIANCE_PACKS,
    'CloudWatch Logs encrypts log data at rest with service keys; the access log holds request metadata, no bodies.');
}
