import { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CognitoUserPoolAuth, FederatedIdentityPool, PolicyVariables } from '../src';
import { newTestStack } from './helpers/app';

function logicalId(stack: Stack, role: iam.Role): string {
  return stack.getLogicalId(role.node.defaultChild as CfnElement);
}

function poolRef(stack: Stack, pool: FederatedIdentityPool): { Ref: string } {
  return { Ref: stack.getLogicalId(pool.identityPool) };
}

function trust(stack: Stack, pool: FederatedIdentityPool, amr: string, actions: string | string[] = 'sts:AssumeRoleWithWebIdentity') {
  return {
    AssumeRolePolicyDocument: {
      Statement: [{
        Effect: 'Allow',
        Action: actions,
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Condition: {
          'StringEquals': { 'cognito-identity.amazonaws.com:aud': poolRef(stack, pool) },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
        },
      }],
    },
  };
}

describe('defaults', () => {
  test('an identity pool without guests or classic flow, and an authenticated role with the pinned trust', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const pool = new FederatedIdentityPool(stack, 'Pool');
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
    });
    template.hasResourceProperties('AWS::IAM::Role', trust(stack, pool, 'authenticated'));
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      IdentityPoolId: poolRef(stack, pool),
      Roles: { authenticated: { 'Fn::GetAtt': [logicalId(stack, pool.authenticatedRole), 'Arn'] } },
      RoleMappings: Match.absent(),
    });
    expect(pool.guestRole).toBeUndefined();
    expect(pool.guestsAllowed).toBe(false);
    expect(stack.resolve(pool.identityPoolId)).toEqual(poolRef(stack, pool));
  });
});

describe('group roles', () => {
  test('a group role gets the authenticated trust, becomes the group RoleArn and a token-based mapping', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance', precedence: 1 }] });
    // WHEN
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['finance'] });
    // THEN
    const template = Template.fromStack(stack);
    const roleId = logicalId(stack, pool.roleForGroup('finance'));
    template.hasResource('AWS::IAM::Role', Match.objectLike({ Properties: Match.objectLike(trust(stack, pool, 'authenticated')) }));
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: 'finance',
      Precedence: 1,
      RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      RoleMappings: Match.objectLike({
        provider0: {
          Type: 'Token',
          AmbiguousRoleResolution: 'AuthenticatedRole',
          IdentityProvider: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
        },
      }),
    });
    expect(pool.hasGroupRole('finance')).toBe(true);
    expect(pool.hasGroupRole('sales')).toBe(false);
    expect(() => pool.roleForGroup('sales')).toThrow(/group 'sales' has no role .*addGroupRole\('sales'\)/);
  });

  test('the baseline reaches the authenticated role and every group role, granted before or after', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a', precedence: 1 }, { name: 'b', precedence: 2 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['a'] });
    // WHEN
    pool.addToAuthenticatedPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }));
    pool.addGroupRole('b');
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: Match.arrayEquals([
        { Ref: logicalId(stack, pool.authenticatedRole) },
        { Ref: logicalId(stack, pool.roleForGroup('a')) },
        { Ref: logicalId(stack, pool.roleForGroup('b')) },
      ]),
    });
  });
});

describe('principal tags', () => {
  test('a principal tag maps a claim for the user-pool provider and adds sts:TagSession to every trust', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a', precedence: 1 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['a'], allowGuests: true });
    // WHEN
    pool.addPrincipalTag('department', 'custom:department');
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', {
      IdentityPoolId: poolRef(stack, pool),
      IdentityProviderName: { 'Fn::GetAtt': [Match.anyValue(), 'ProviderName'] },
      PrincipalTags: { department: 'custom:department' },
      UseDefaults: false,
    });
    const tagged = ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'];
    template.hasResourceProperties('AWS::IAM::Role', trust(stack, pool, 'authenticated', tagged));
    template.hasResourceProperties('AWS::IAM::Role', trust(stack, pool, 'unauthenticated', tagged));
    template.resourcePropertiesCountIs('AWS::IAM::Role', trust(stack, pool, 'authenticated', tagged), 2);
  });

  test('PolicyVariables produce IAM policy variables', () => {
    expect(PolicyVariables.IDENTITY_ID).toBe('${cognito-identity.amazonaws.com:sub}');
    expect(PolicyVariables.principalTag('department')).toBe('${aws:PrincipalTag/department}');
  });
});
