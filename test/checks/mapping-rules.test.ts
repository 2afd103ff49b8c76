import { Fn } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { cognitoPrincipal, judge, pinned, violators } from './nag';
import { CognitoAccessRule } from '../../src/checks';
import { MAPPING_RULES_RULE } from '../../src/checks/mapping-rules';
import { newTestStack } from '../helpers/app';

const RULE = CognitoAccessRule.MAPPING_RULES;
const PROVIDER = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client';

function rules(count: number, roleArn: string): cognito.CfnIdentityPoolRoleAttachment.MappingRuleProperty[] {
  return Array.from({ length: count }, (_, i) => ({ claim: 'custom:department', matchType: 'Equals', value: `dept${i}`, roleArn }));
}

function attachment(stack: ReturnType<typeof newTestStack>, count: number): cognito.CfnIdentityPoolRoleAttachment {
  const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false });
  const role = new iam.Role(stack, 'Role', { assumedBy: cognitoPrincipal(pinned(pool.ref)) });
  return new cognito.CfnIdentityPoolRoleAttachment(stack, 'Attachment', {
    identityPoolId: pool.ref,
    roles: { authenticated: role.roleArn },
    roleMappings: {
      users: { identityProvider: PROVIDER, type: 'Rules', ambiguousRoleResolution: 'Deny', rulesConfiguration: { rules: rules(count, role.roleArn) } },
    },
  });
}

describe('CognitoAccess-MappingRules', () => {
  test('25 rules for a provider (the cap) are compliant', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const attached = attachment(stack, 25);
    // THEN
    expect(judge(MAPPING_RULES_RULE, attached)).toBe(NagRuleCompliance.COMPLIANT);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('26 rules for a provider are reported', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    attachment(stack, 26);
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/Attachment']);
  });

  test('the aws-cdk-lib IdentityPool construct with 30 rules is reported', () => {
    // GIVEN
    const stack = newTestStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: cognitoPrincipal(pinned('us-east-1:pool')) });
    // WHEN
    new identitypool.IdentityPool(stack, 'Pool', {
      roleMappings: [{
        providerUrl: identitypool.IdentityPoolProviderUrl.custom(PROVIDER),
        rules: Array.from({ length: 30 }, (_, i) => ({ claim: 'custom:department', claimValue: `dept${i}`, mappedRole: role })),
      }],
    });
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/Pool/DefaultRoleAttachment/Resource']);
  });

  test('an attachment without role mappings, or with token mappings only, is not applicable', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false });
    // WHEN
    const plain = new cognito.CfnIdentityPoolRoleAttachment(stack, 'Plain', { identityPoolId: pool.ref, roles: {} });
    const token = new cognito.CfnIdentityPoolRoleAttachment(stack, 'Token', {
      identityPoolId: pool.ref,
      roleMappings: { users: { identityProvider: PROVIDER, type: 'Token', ambiguousRoleResolution: 'Deny' } },
    });
    // THEN
    expect(judge(MAPPING_RULES_RULE, plain)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(judge(MAPPING_RULES_RULE, token)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });

  test('a rule list that is an intrinsic cannot be counted and is skipped', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false });
    // WHEN
    const attached = new cognito.CfnIdentityPoolRoleAttachment(stack, 'Attachment', {
      identityPoolId: pool.ref,
      roleMappings: {
        users: {
          identityProvider: PROVIDER,
          type: 'Rules',
          rulesConfiguration: { rules: Fn.conditionIf('Big', rules(30, 'arn'), rules(1, 'arn')) },
        },
      },
    });
    // THEN
    expect(judge(MAPPING_RULES_RULE, attached)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(violators(stack, RULE)).toEqual([]);
  });
});
