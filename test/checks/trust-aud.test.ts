import { Aws, Fn } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { AMR, AUD, COGNITO_IDENTITY, cognitoPrincipal, judge, pinned, violators } from './nag';
import { CognitoAccessRule } from '../../src/checks';
import { TRUST_AUD_RULE } from '../../src/checks/trust-aud';
import { newTestStack } from '../helpers/app';

const RULE = CognitoAccessRule.TRUST_AUD;

describe('CognitoAccess-TrustAud', () => {
  test('a role pinned to its identity pool with StringEquals aud is compliant', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false });
    // WHEN
    const role = new iam.Role(stack, 'AuthRole', { assumedBy: cognitoPrincipal(pinned(pool.ref)) });
    // THEN
    expect(judge(TRUST_AUD_RULE, role)).toBe(NagRuleCompliance.COMPLIANT);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('a role trusted by cognito-identity without an aud condition is reported', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new iam.Role(stack, 'AuthRole', {
      assumedBy: cognitoPrincipal({ 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } }),
    });
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/AuthRole/Resource']);
  });

  test('an L1 role whose trust has no condition at all is reported', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new iam.CfnRole(stack, 'Raw', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: COGNITO_IDENTITY }, Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] }],
      },
    });
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/Raw']);
  });

  test('one unpinned statement next to a pinned one is reported', () => {
    // GIVEN
    const stack = newTestStack();
    const role = new iam.Role(stack, 'AuthRole', { assumedBy: cognitoPrincipal(pinned('us-east-1:pool')) });
    // WHEN
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
      principals: [new iam.FederatedPrincipal(COGNITO_IDENTITY, {})],
      actions: ['sts:AssumeRoleWithWebIdentity'],
    }));
    // THEN
    expect(judge(TRUST_AUD_RULE, role)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test.each([
    ['StringLike with a wildcard', { StringLike: { [AUD]: 'us-east-1:*' } }],
    ['StringEqualsIfExists, which passes when the key is absent', { StringEqualsIfExists: { [AUD]: 'us-east-1:pool' } }],
    ['StringNotEquals', { StringNotEquals: { [AUD]: 'us-east-1:other' } }],
    ['an empty value', { StringEquals: { [AUD]: '' } }],
  ])('aud under %s is not a pin', (_name, condition) => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const role = new iam.Role(stack, 'AuthRole', {
      assumedBy: cognitoPrincipal({ ...condition, 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } }),
    });
    // THEN
    expect(judge(TRUST_AUD_RULE, role)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('the condition key is matched without case, as IAM does', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const role = new iam.Role(stack, 'AuthRole', {
      assumedBy: cognitoPrincipal({ StringEquals: { 'Cognito-Identity.amazonaws.com:AUD': 'us-east-1:pool' } }),
    });
    // THEN
    expect(judge(TRUST_AUD_RULE, role)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('a principal written with the URL suffix token is recognized', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const role = new iam.Role(stack, 'AuthRole', {
      assumedBy: new iam.FederatedPrincipal(`cognito-identity.${Aws.URL_SUFFIX}`, {}, 'sts:AssumeRoleWithWebIdentity'),
    });
    // THEN
    expect(judge(TRUST_AUD_RULE, role)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('a property override that removes the aud condition is seen', () => {
    // GIVEN
    const stack = newTestStack();
    const role = new iam.Role(stack, 'AuthRole', { assumedBy: cognitoPrincipal(pinned('us-east-1:pool')) });
    // WHEN
    (role.node.defaultChild as iam.CfnRole).addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition.StringEquals');
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/AuthRole/Resource']);
  });

  test('roles not trusted by cognito-identity for AssumeRoleWithWebIdentity are not applicable', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const lambdaRole = new iam.Role(stack, 'LambdaRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const tagOnly = new iam.Role(stack, 'TagOnly', {
      assumedBy: new iam.FederatedPrincipal(COGNITO_IDENTITY, {}, 'sts:TagSession'),
    });
    // THEN
    expect(judge(TRUST_AUD_RULE, lambdaRole)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(judge(TRUST_AUD_RULE, tagOnly)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('a condition block that is an intrinsic is skipped, not reported and not a crash', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const role = new iam.CfnRole(stack, 'Raw', {
      assumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: COGNITO_IDENTITY },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: Fn.conditionIf('IsProd', { StringEquals: { [AUD]: 'us-east-1:prod' } }, { StringEquals: { [AUD]: 'us-east-1:dev' } }),
        }],
      },
    });
    // THEN
    expect(judge(TRUST_AUD_RULE, role)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('a trust policy that is an intrinsic is skipped', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const role = new iam.CfnRole(stack, 'Raw', {
      assumeRolePolicyDocument: Fn.conditionIf('IsProd', { Statement: [] }, { Statement: [] }),
    });
    // THEN
    expect(judge(TRUST_AUD_RULE, role)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('the roles of the aws-cdk-lib IdentityPool construct are compliant', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const pool = new identitypool.IdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: true });
    // THEN
    expect(judge(TRUST_AUD_RULE, pool.authenticatedRole)).toBe(NagRuleCompliance.COMPLIANT);
    expect(judge(TRUST_AUD_RULE, pool.unauthenticatedRole)).toBe(NagRuleCompliance.COMPLIANT);
  });
});
