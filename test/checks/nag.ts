/**
 * Helpers for the CognitoAccessChecks tests: run the pack, or one rule, and read the result.
 */
import { CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CognitoAccessChecks } from '../../src/checks';
import { CognitoAccessRuleSpec } from '../../src/checks/private/rule-spec';
import { StackModel } from '../../src/checks/private/stack-model';

export const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';
export const AUD = 'cognito-identity.amazonaws.com:aud';
export const AMR = 'cognito-identity.amazonaws.com:amr';

/** The violations of the whole pack under a scope, as `ruleName -> construct paths`. */
export function violations(scope: IConstruct): { [ruleName: string]: string[] } {
  const report = new CognitoAccessChecks().validateScope(scope);
  const out: { [ruleName: string]: string[] } = {};
  for (const v of report.violations) out[v.ruleName] = v.violatingResources.map((r) => r.constructPath ?? r.locations.join(','));
  return out;
}

/** The construct paths a rule (and its findings `rule[...]`) reports under a scope. */
export function violators(scope: IConstruct, ruleId: string): string[] {
  return Object.entries(violations(scope))
    .filter(([name]) => name === ruleId || name.startsWith(`${ruleId}[`))
    .flatMap(([, paths]) => paths);
}

/** The findings (`Action::s3:PutObject`) a findings-style rule reports under a scope. */
export function findings(scope: IConstruct, ruleId: string): string[] {
  return Object.keys(violations(scope))
    .filter((name) => name.startsWith(`${ruleId}[`))
    .map((name) => name.slice(ruleId.length + 1, -1))
    .sort();
}

/** What one rule says about one resource (COMPLIANT, NON_COMPLIANT, N/A or findings). */
export function judge(rule: CognitoAccessRuleSpec, node: IConstruct): NagRuleResult {
  const resource = CfnResource.isCfnResource(node) ? node : node.node.defaultChild as CfnResource;
  StackModel.reset();
  return rule.check(resource);
}

/** The principal of a role that Cognito identities assume, with these conditions. */
export function cognitoPrincipal(conditions: { [operator: string]: any }): iam.FederatedPrincipal {
  return new iam.FederatedPrincipal(COGNITO_IDENTITY, conditions, 'sts:AssumeRoleWithWebIdentity');
}

/** The conditions of a well-pinned authenticated (or guest) role of a pool. */
export function pinned(poolId: string, amr = 'authenticated'): { [operator: string]: any } {
  return {
    'StringEquals': { [AUD]: poolId },
    'ForAnyValue:StringLike': { [AMR]: amr },
  };
}
