import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { wildcardResourceFinding } from './identity-pool-nag';

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
