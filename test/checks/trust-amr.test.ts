import { Fn } from 'aws-cdk-lib';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { AMR, AUD, COGNITO_IDENTITY, cognitoPrincipal, judge, pinned, violators } from './nag';
import { CognitoAccessRule } from '../../src/checks';
import { TRUST_AMR_RULE } from '../../src/checks/trust-amr';
import { newTestStack } from '../helpers/app';

const RULE = CognitoAccessRule.TRUST_AMR;

describe('CognitoAccess-TrustAmr', () => {
  test.each([
    ['authenticated', 'authenticated'],
    ['unauthenticated', 'unauthenticated'],
    ['a login provider', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client'],
  ])('a role pinned to amr %s with ForAnyValue:StringLike is compliant', (_name, amr) => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const role = new iam.Role(stack, 'Role', { assumedBy: cognitoPrincipal(pinned('us-east-1:pool', amr)) });
    // THEN
    expect(judge(TRUST_AMR_RULE, role)).toBe(NagRuleCompliance.COMPLIANT);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('a role trusted by cognito-identity with aud but no amr condition is reported', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new iam.Role(stack, 'AuthRole', { assumedBy: cognitoPrincipal({ StringEquals: { [AUD]: 'us-east-1:pool' } }) });
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/AuthRole/Resource']);
  });

  test.each([
    ['StringLike without ForAnyValue (amr is multi-valued)', { StringLike: { [AMR]: 'authenticated' } }],
    ['ForAllValues, which passes when the key is absent', { 'ForAllValues:StringLike': { [AMR]: 'authenticated' } }],
    ['a bare wildcard', { 'ForAnyValue:StringLike': { [AMR]: '*' } }],
  ])('amr under %s is not a pin', (_name, condition) => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const role = new iam.Role(stack, 'Role', {
      assumedBy: cognitoPrincipal({ StringEquals: { [AUD]: 'us-east-1:pool' }, ...condition }),
    });
    // THEN
    expect(judge(TRUST_AMR_RULE, role)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('an L1 role with aud and no amr is reported', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new iam.CfnRole(stack, 'Raw', {
      assumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: [COGNITO_IDENTITY] },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [AUD]: 'us-east-1:pool' } },
        }],
      },
    });
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/Raw']);
  });

  test('a role trusted by another principal is not applicable', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.WebIdentityPrincipal('accounts.google.com') });
    // THEN
    expect(judge(TRUST_AMR_RULE, role)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });

  test('a condition block that is an intrinsic is skipped', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new iam.CfnRole(stack, 'Raw', {
      assumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: COGNITO_IDENTITY },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: Fn.conditionIf('Guests', { 'ForAnyValue:StringLike': { [AMR]: 'unauthenticated' } }, { 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } }),
        }],
      },
    });
    // THEN
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('the roles of the aws-cdk-lib IdentityPool construct are compliant', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const pool = new identitypool.IdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: true });
    // THEN
    expect(judge(TRUST_AMR_RULE, pool.authenticatedRole)).toBe(NagRuleCompliance.COMPLIANT);
    expect(judge(TRUST_AMR_RULE, pool.unauthenticatedRole)).toBe(NagRuleCompliance.COMPLIANT);
  });
});
