import { App, Lazy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { AMR, AUD, COGNITO_IDENTITY, cognitoPrincipal, judge, violations } from './nag';
import { CognitoAccessChecks, CognitoAccessRule } from '../../src/checks';
import { GUEST_WRITE_RULE } from '../../src/checks/guest-write';
import { LIST_BUCKET_PREFIX_RULE } from '../../src/checks/list-bucket-prefix';
import { TAG_SESSION_RULE } from '../../src/checks/tag-session';
import { TRUST_AMR_RULE } from '../../src/checks/trust-amr';
import { TRUST_AUD_RULE } from '../../src/checks/trust-aud';
import { CognitoUserPoolAuth } from '../../src/cognito-user-pool-auth';
import { FederatedIdentityPool } from '../../src/federated-identity-pool';
import { newTestStack } from '../helpers/app';

/** A hand-wired identity pool with the mistakes of every rule. */
function everyMistake(stack: Stack): void {
  const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: true, allowClassicFlow: true });
  const guest = new iam.Role(stack, 'Guest', {
    assumedBy: new iam.FederatedPrincipal(COGNITO_IDENTITY, { 'ForAnyValue:StringLike': { [AMR]: 'unauthenticated' } }, 'sts:AssumeRoleWithWebIdentity'),
  });
  guest.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:ListBucket'], resources: ['arn:aws:s3:::b', 'arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*'] }));
  guest.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::b/*'] }));
  const authenticated = new iam.Role(stack, 'Authenticated', {
    assumedBy: cognitoPrincipal({ 'StringEquals': { [AUD]: pool.ref }, 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } }),
  });
  const rules = Array.from({ length: 26 }, (_, i) => ({ claim: 'dept', matchType: 'Equals', value: `d${i}`, roleArn: guest.roleArn }));
  new cognito.CfnIdentityPoolRoleAttachment(stack, 'Attachment', {
    identityPoolId: pool.ref,
    roles: { authenticated: authenticated.roleArn, unauthenticated: guest.roleArn },
    roleMappings: { p: { identityProvider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_x:c', type: 'Rules', rulesConfiguration: { rules } } },
  });
  new cognito.CfnIdentityPoolPrincipalTag(stack, 'Tags', {
    identityPoolId: pool.ref,
    identityProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_x',
    useDefaults: true,
  });
}

describe('CognitoAccessChecks', () => {
  test('the pack names itself and lists the ids of CognitoAccessRule', () => {
    // WHEN
    const pack = new CognitoAccessChecks();
    // THEN
    expect(pack.name).toBe('CognitoAccess');
    expect(pack.readPackName).toBe('CognitoAccess');
    expect(pack.ruleIds).toEqual(Object.values(CognitoAccessRule));
  });

  test('validateScope reports one violation of every rule on a stack with every mistake', () => {
    // GIVEN
    const stack = newTestStack();
    everyMistake(stack);
    // WHEN
    const report = new CognitoAccessChecks().validateScope(stack);
    // THEN
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.ruleName).sort()).toEqual([
      'CognitoAccess-ClassicFlow',
      'CognitoAccess-GuestWrite[Action::s3:PutObject]',
      'CognitoAccess-ListBucketPrefix',
      'CognitoAccess-MappingRules',
      'CognitoAccess-TagSession',
      'CognitoAccess-TrustAud',
    ]);
    expect(report.violations.every((v) => v.severity === 'error')).toBe(true);
    expect(report.violations.find((v) => v.ruleName === 'CognitoAccess-TrustAud')!.description).toMatch(/without a StringEquals condition on cognito-identity.amazonaws.com:aud/);
  });

  test('verbose mode adds the explanation and the fix', () => {
    // GIVEN
    const stack = newTestStack();
    everyMistake(stack);
    // WHEN
    const report = new CognitoAccessChecks(undefined, { verbose: true }).validateScope(stack);
    // THEN
    expect(report.violations.find((v) => v.ruleName === 'CognitoAccess-ClassicFlow')!.description).toMatch(/Fix: remove AllowClassicFlow/);
  });

  test('a second run sees changes made after the first', () => {
    // GIVEN
    const stack = newTestStack();
    const pack = new CognitoAccessChecks();
    const role = new iam.Role(stack, 'Role', { assumedBy: cognitoPrincipal({ 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } }) });
    expect(pack.validateScope(stack).success).toBe(false);
    // WHEN
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride(
      'AssumeRolePolicyDocument.Statement.0.Condition.StringEquals', { 'cognito-identity.amazonaws.com:aud': 'us-east-1:pool' });
    // THEN
    expect(pack.validateScope(stack)).toEqual({ success: true, violations: [] });
  });

  test('a resource that cannot be rendered is skipped by every rule', () => {
    // GIVEN
    const stack = newTestStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: cognitoPrincipal({}) });
    // WHEN
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('Description', Lazy.string({
      produce: () => {
        throw new Error('resolved by another stage');
      },
    }));
    // THEN
    expect(violations(stack)).toEqual({});
  });

  test('a plain aws-cdk-lib user pool and identity pool, wired as documented, pass', () => {
    // GIVEN
    const stack = newTestStack();
    const userPool = new cognito.UserPool(stack, 'UserPool');
    const client = userPool.addClient('Client');
    // WHEN
    const pool = new identitypool.IdentityPool(stack, 'IdentityPool', {
      allowUnauthenticatedIdentities: true,
      authenticationProviders: { userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool, userPoolClient: client })] },
    });
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.grantRead(pool.unauthenticatedRole, 'public/*');
    pool.authenticatedRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [bucket.arnForObjects('private/${cognito-identity.amazonaws.com:sub}/*')],
    }));
    pool.authenticatedRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': ['private/${cognito-identity.amazonaws.com:sub}/*'] } },
    }));
    // THEN
    expect(new CognitoAccessChecks().validateScope(stack)).toEqual({ success: true, violations: [] });
  });

  test('registered on an app, a violation fails synthesis with the rule id', () => {
    // GIVEN
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Stack');
    new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false, allowClassicFlow: true });
    // WHEN
    Validations.of(app).addPlugins(new CognitoAccessChecks(app));
    // THEN
    expect(() => app.synth()).toThrow(/CognitoAccess-ClassicFlow/);
  });

  test('registered on an app, an acknowledged violation lets synthesis pass', () => {
    // GIVEN
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Stack');
    const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false, allowClassicFlow: true });
    Validations.of(app).addPlugins(new CognitoAccessChecks(app));
    // WHEN
    Validations.of(pool).acknowledge({ id: CognitoAccessRule.CLASSIC_FLOW, reason: 'a legacy client still uses the basic flow until 2027' });
    // THEN
    expect(() => app.synth()).not.toThrow();
  });

  test('an app built with this library\'s constructs has no violation', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance' }, { name: 'hr' }] });
    // WHEN
    const pool = new FederatedIdentityPool(stack, 'Identity', {
      userPoolAuth: auth,
      allowGuests: true,
      groupRoles: ['finance', 'hr'],
      principalTags: { department: 'custom:department' },
    });
    const bucket = new s3.Bucket(stack, 'Bucket');
    pool.grantPerIdentityObjectAccess(bucket);
    pool.addToGuestPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('public/*')] }));
    // THEN
    expect(violations(stack)).toEqual({});
    // ...and not because the rules found nothing to look at.
    for (const role of [pool.authenticatedRole, pool.guestRole!, pool.roleForGroup('finance')]) {
      expect(judge(TRUST_AUD_RULE, role)).toBe(NagRuleCompliance.COMPLIANT);
      expect(judge(TRUST_AMR_RULE, role)).toBe(NagRuleCompliance.COMPLIANT);
      expect(judge(TAG_SESSION_RULE, role)).toBe(role === pool.guestRole ? NagRuleCompliance.NOT_APPLICABLE : NagRuleCompliance.COMPLIANT);
    }
    const policies = stack.node.findAll().filter((c) => c instanceof iam.CfnManagedPolicy || c instanceof iam.CfnPolicy);
    expect(policies.map((p) => judge(LIST_BUCKET_PREFIX_RULE, p))).toContain(NagRuleCompliance.COMPLIANT);
    expect(policies.map((p) => judge(GUEST_WRITE_RULE, p))).toContain(NagRuleCompliance.COMPLIANT);
  });
});
