import { App, CfnElement, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  AmbiguousRoleResolution, CognitoUserPoolAuth, FederatedIdentityPool, IdentityProvider, MappingMatchType, PolicyVariables, RoleMappingRule,
} from '../src';
import { newTestStack } from './helpers/app';

function logicalId(stack: Stack, role: iam.Role): string {
  return stack.getLogicalId(role.node.defaultChild as CfnElement);
}

function poolRef(stack: Stack, pool: FederatedIdentityPool): { Ref: string } {
  return { Ref: stack.resolve(pool.identityPool.logicalId) };
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

/** The role mappings of the stack's one role attachment, by provider name as rendered. */
function mappings(stack: Stack): { [provider: string]: any } {
  const [attachment] = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::IdentityPoolRoleAttachment')) as any[];
  const out: { [provider: string]: any } = {};
  for (const mapping of Object.values(attachment.Properties.RoleMappings ?? {}) as any[]) {
    out[typeof mapping.IdentityProvider === 'string' ? mapping.IdentityProvider : JSON.stringify(mapping.IdentityProvider)] = mapping;
  }
  return out;
}

function userPoolProviderKey(stack: Stack, auth: CognitoUserPoolAuth): string {
  return JSON.stringify(stack.resolve(IdentityProvider.userPool(auth.userPool, auth.webClient).mappingName));
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
    expect(mappings(stack)).toEqual({
      [userPoolProviderKey(stack, auth)]: {
        Type: 'Token',
        AmbiguousRoleResolution: 'AuthenticatedRole',
        IdentityProvider: stack.resolve(IdentityProvider.userPool(auth.userPool, auth.webClient).mappingName),
      },
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

describe('snapshot', () => {
  test('default props with a CognitoUserPoolAuth', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    // WHEN
    new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    // THEN
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

describe('guests', () => {
  test('allowGuests creates a guest role for unauthenticated identities only, with a warning', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const pool = new FederatedIdentityPool(stack, 'Pool', { allowGuests: true });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: true });
    template.hasResourceProperties('AWS::IAM::Role', trust(stack, pool, 'unauthenticated'));
    template.resourceCountIs('AWS::IAM::Role', 2);
    template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      Roles: {
        authenticated: { 'Fn::GetAtt': [logicalId(stack, pool.authenticatedRole), 'Arn'] },
        unauthenticated: { 'Fn::GetAtt': [logicalId(stack, pool.guestRole!), 'Arn'] },
      },
    });
    expect(pool.guestsAllowed).toBe(true);
    Annotations.fromStack(stack).hasWarning('/TestStack/Pool', Match.stringLikeRegexp('guests \\(unauthenticated identities\\) get AWS credentials'));
  });

  test('addToGuestPolicy grants to the guest role only', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool', { allowGuests: true });
    // WHEN
    pool.addToGuestPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::public/*'] }));
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: logicalId(stack, pool.guestRole!) }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' })] },
    });
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  test('addToGuestPolicy throws when guests are off', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    expect(() => pool.addToGuestPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })))
      .toThrow(/guests are off in TestStack\/Pool, so there is no guest role .*allowGuests: true/);
  });

  test('without allowGuests there is no warning', () => {
    const stack = newTestStack();
    new FederatedIdentityPool(stack, 'Pool');
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('classic flow', () => {
  test('allowClassicFlow turns it on, with a warning, and a second warning per group role', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a', precedence: 1 }] });
    // WHEN
    new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, allowClassicFlow: true, groupRoles: ['a'] });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPool', { AllowClassicFlow: true });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/TestStack/Pool', Match.stringLikeRegexp('classic \\(basic\\) authflow lets a client assume any role'));
    annotations.hasWarning('/TestStack/Pool', Match.stringLikeRegexp("group role 'a' is reachable by every authenticated identity"));
  });
});

describe('providers', () => {
  test('userPoolAuth and other user pools are providers with the server-side token check on', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const other = new cognito.UserPool(stack, 'Other');
    const otherClient = other.addClient('Client');
    // WHEN
    new FederatedIdentityPool(stack, 'Pool', {
      userPoolAuth: auth,
      userPools: [{ userPool: other, userPoolClient: otherClient, disableServerSideTokenCheck: true }],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPool', {
      CognitoIdentityProviders: [
        {
          ProviderName: stack.resolve(auth.userPool.userPoolProviderName),
          ClientId: stack.resolve(auth.webClient.userPoolClientId),
          ServerSideTokenCheck: true,
        },
        {
          ProviderName: stack.resolve(other.userPoolProviderName),
          ClientId: stack.resolve(otherClient.userPoolClientId),
          ServerSideTokenCheck: false,
        },
      ],
    });
  });

  test('social, OIDC, SAML and developer providers', () => {
    // GIVEN
    const stack = newTestStack();
    const oidc = iam.OidcProviderNative.fromOidcProviderArn(stack, 'Oidc', 'arn:aws:iam::123456789012:oidc-provider/login.example.com');
    const saml = iam.SamlProvider.fromSamlProviderArn(stack, 'Saml', 'arn:aws:iam::123456789012:saml-provider/corp');
    // WHEN
    new FederatedIdentityPool(stack, 'Pool', {
      google: 'google-client',
      facebook: 'fb-app',
      amazon: 'amzn-app',
      apple: 'com.example.web',
      twitter: 'key;secret',
      openIdConnectProviders: [oidc],
      samlProviders: [saml],
      developerProviderName: 'login.example.dev',
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPool', {
      SupportedLoginProviders: {
        'accounts.google.com': 'google-client',
        'graph.facebook.com': 'fb-app',
        'www.amazon.com': 'amzn-app',
        'appleid.apple.com': 'com.example.web',
        'api.twitter.com': 'key;secret',
      },
      OpenIdConnectProviderARNs: ['arn:aws:iam::123456789012:oidc-provider/login.example.com'],
      SamlProviderARNs: ['arn:aws:iam::123456789012:saml-provider/corp'],
      DeveloperProviderName: 'login.example.dev',
      CognitoIdentityProviders: Match.absent(),
    });
  });

  test('a user pool client configured twice is an error', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    expect(() => new FederatedIdentityPool(stack, 'Pool', {
      userPoolAuth: auth,
      userPools: [{ userPool: auth.userPool, userPoolClient: auth.webClient }],
    })).toThrow(/provider '.*' is configured twice in TestStack\/Pool; list each provider once/);
  });

  test('an OIDC or SAML provider configured twice is an error', () => {
    const stack = newTestStack();
    const oidc = iam.OidcProviderNative.fromOidcProviderArn(stack, 'Oidc', 'arn:aws:iam::123456789012:oidc-provider/login.example.com');
    const saml = iam.SamlProvider.fromSamlProviderArn(stack, 'Saml', 'arn:aws:iam::123456789012:saml-provider/corp');
    expect(() => new FederatedIdentityPool(stack, 'Oidc2', { openIdConnectProviders: [oidc, oidc] }))
      .toThrow(/OIDC provider 'arn:aws:iam::123456789012:oidc-provider\/login.example.com' is configured twice/);
    expect(() => new FederatedIdentityPool(stack, 'Saml2', { samlProviders: [saml, saml] }))
      .toThrow(/SAML provider 'arn:aws:iam::123456789012:saml-provider\/corp' is configured twice/);
  });

  test('IdentityProvider names each provider as Cognito does', () => {
    const stack = newTestStack();
    const pool = new cognito.UserPool(stack, 'Up');
    const client = pool.addClient('C');
    const provider = IdentityProvider.userPool(pool, client);
    expect(stack.resolve(provider.mappingName)).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [stack.getLogicalId(pool.node.defaultChild as CfnElement), 'ProviderName'] }, ':', { Ref: stack.getLogicalId(client.node.defaultChild as CfnElement) }]],
    });
    expect(stack.resolve(provider.principalTagName)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(pool.node.defaultChild as CfnElement), 'ProviderName'] });
    expect(IdentityProvider.google().mappingName).toBe('accounts.google.com');
    expect(IdentityProvider.facebook().mappingName).toBe('graph.facebook.com');
    expect(IdentityProvider.amazon().mappingName).toBe('www.amazon.com');
    expect(IdentityProvider.apple().mappingName).toBe('appleid.apple.com');
    expect(IdentityProvider.twitter().principalTagName).toBe('api.twitter.com');
    const saml = iam.SamlProvider.fromSamlProviderArn(stack, 'Saml', 'arn:aws:iam::123456789012:saml-provider/corp');
    expect(IdentityProvider.saml(saml).mappingName).toBe('arn:aws:iam::123456789012:saml-provider/corp');
    expect(IdentityProvider.named('login.example.com').principalTagName).toBe('login.example.com');
  });
});

describe('rule-based role mapping', () => {
  function rules(count: number, role: iam.IRole): RoleMappingRule[] {
    return Array.from({ length: count }, (_, i) => ({ claim: 'custom:department', value: `dept${i}`, role }));
  }

  test('rules render in order with their match type and role; addRole roles keep the baseline', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool', { google: 'client' });
    const admins = pool.addRole('Admins');
    // WHEN
    pool.addRoleMapping({
      provider: IdentityProvider.google(),
      ambiguousRoleResolution: AmbiguousRoleResolution.DENY,
      rules: [
        { claim: 'hd', value: 'example.com', matchType: MappingMatchType.EQUALS, role: admins },
        { claim: 'email', value: '@example.org', matchType: MappingMatchType.CONTAINS, role: pool.authenticatedRole },
        { claim: 'sub', value: '1', matchType: MappingMatchType.STARTS_WITH, role: admins },
        { claim: 'aud', value: 'x', matchType: MappingMatchType.NOT_EQUAL, role: admins },
      ],
    });
    pool.addToAuthenticatedPolicy(new iam.PolicyStatement({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] }));
    // THEN
    const template = Template.fromStack(stack);
    expect(mappings(stack)).toEqual({
      'accounts.google.com': {
        IdentityProvider: 'accounts.google.com',
        Type: 'Rules',
        AmbiguousRoleResolution: 'Deny',
        RulesConfiguration: {
          Rules: [
            { Claim: 'hd', MatchType: 'Equals', Value: 'example.com', RoleARN: { 'Fn::GetAtt': [logicalId(stack, admins), 'Arn'] } },
            { Claim: 'email', MatchType: 'Contains', Value: '@example.org', RoleARN: { 'Fn::GetAtt': [logicalId(stack, pool.authenticatedRole), 'Arn'] } },
            { Claim: 'sub', MatchType: 'StartsWith', Value: '1', RoleARN: { 'Fn::GetAtt': [logicalId(stack, admins), 'Arn'] } },
            { Claim: 'aud', MatchType: 'NotEqual', Value: 'x', RoleARN: { 'Fn::GetAtt': [logicalId(stack, admins), 'Arn'] } },
          ],
        },
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', trust(stack, pool, 'authenticated'));
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: Match.arrayEquals([{ Ref: logicalId(stack, pool.authenticatedRole) }, { Ref: logicalId(stack, admins) }]),
    });
  });

  test('the match type defaults to Equals and token-based mapping has no rules', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool', {
      google: 'g',
      amazon: 'a',
      roleMappings: [
        { provider: IdentityProvider.google(), rules: [{ claim: 'hd', value: 'example.com', role: iam.Role.fromRoleName(stack, 'R', 'r') }] },
        { provider: IdentityProvider.amazon() },
      ],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', { IdentityPoolId: poolRef(stack, pool) });
    const rendered = mappings(stack);
    expect(rendered['accounts.google.com'].RulesConfiguration.Rules[0].MatchType).toBe('Equals');
    expect(rendered['www.amazon.com']).toEqual({ IdentityProvider: 'www.amazon.com', Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' });
  });

  test('mapping keys and principal-tag logical ids depend on the provider, not on the order of calls', () => {
    // GIVEN two stacks that add the same providers in opposite orders
    const build = (order: IdentityProvider[]) => {
      const stack = newTestStack();
      const auth = new CognitoUserPoolAuth(stack, 'Auth');
      const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, google: 'g', amazon: 'a' });
      const providers = [...order, IdentityProvider.userPool(auth.userPool, auth.webClient)];
      for (const provider of providers) {
        pool.addRoleMapping({ provider });
        pool.addPrincipalTag('t', 'sub', provider);
      }
      const template = Template.fromStack(stack);
      const [attachment] = Object.values(template.findResources('AWS::Cognito::IdentityPoolRoleAttachment')) as any[];
      return {
        keys: Object.keys(attachment.Properties.RoleMappings).sort(),
        tagIds: Object.keys(template.findResources('AWS::Cognito::IdentityPoolPrincipalTag')).sort(),
      };
    };
    // WHEN
    const a = build([IdentityProvider.google(), IdentityProvider.amazon()]);
    const b = build([IdentityProvider.amazon(), IdentityProvider.google()]);
    // THEN
    expect(a).toEqual(b);
    expect(a.keys).toEqual([expect.stringMatching(/^Provider[0-9A-F]{8}$/), expect.stringMatching(/^accountsgooglecom[0-9A-F]{8}$/), expect.stringMatching(/^wwwamazoncom[0-9A-F]{8}$/)]);
    expect(a.tagIds).toHaveLength(3);
  });

  test('25 rules for a provider are accepted, 26 are an error naming the count and the limit', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    const role = pool.addRole('R');
    expect(() => pool.addRoleMapping({ provider: IdentityProvider.google(), rules: rules(25, role) })).not.toThrow();
    expect(() => pool.addRoleMapping({ provider: IdentityProvider.amazon(), rules: rules(26, role) }))
      .toThrow(/provider 'www.amazon.com' has 26 role-mapping rules, more than the Cognito limit of 25 per provider/);
  });

  test('10 providers with mappings are accepted, the 11th is an error', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    for (let i = 0; i < 10; i++) pool.addRoleMapping({ provider: IdentityProvider.named(`idp${i}.example.com`) });
    expect(() => pool.addRoleMapping({ provider: IdentityProvider.named('idp10.example.com') }))
      .toThrow(/11 providers have role mappings, more than the Cognito limit of 10 per identity pool/);
  });

  test('a provider mapped twice, or with an empty rule list, is an error', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    pool.addRoleMapping({ provider: IdentityProvider.google() });
    expect(() => pool.addRoleMapping({ provider: IdentityProvider.google() }))
      .toThrow(/provider 'accounts.google.com' already has a role mapping in TestStack\/Pool/);
    expect(() => pool.addRoleMapping({ provider: IdentityProvider.apple(), rules: [] }))
      .toThrow(/role mapping of provider 'appleid.apple.com' has an empty rules list; give at least one rule, or omit rules/);
  });
});

describe('group roles: options and errors', () => {
  test('ambiguousRoleResolution DENY reaches the token-based mapping', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a', precedence: 1 }] });
    new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['a'], ambiguousRoleResolution: AmbiguousRoleResolution.DENY });
    expect(mappings(stack)[userPoolProviderKey(stack, auth)]).toMatchObject({ Type: 'Token', AmbiguousRoleResolution: 'Deny' });
  });

  test('a group role without userPoolAuth is an error', () => {
    const stack = newTestStack();
    expect(() => new FederatedIdentityPool(stack, 'Pool', { groupRoles: ['a'] }))
      .toThrow(/group role 'a' needs the user pool that holds the group; pass userPoolAuth to TestStack\/Pool/);
  });

  test('a group role for a group that does not exist is an error listing the groups', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance' }] });
    expect(() => new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['sales'] }))
      .toThrow(/no group 'sales' in user pool TestStack\/Auth \(groups: finance\); add it with addGroup\('sales'\)/);
  });

  test('a second role for the same group, or a group whose RoleArn is set elsewhere, is an error', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a', precedence: 1 }, { name: 'b', precedence: 2 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['a'] });
    expect(() => pool.addGroupRole('a')).toThrow(/group 'a' already has a role in TestStack\/Pool; get it with roleForGroup\('a'\)/);
    (auth.group('b').node.defaultChild as cognito.CfnUserPoolGroup).roleArn = 'arn:aws:iam::123456789012:role/x';
    expect(() => pool.addGroupRole('b')).toThrow(/group 'b' already has a RoleArn set outside TestStack\/Pool/);
  });

  test('group roles next to a rule-based mapping of the same user pool client are an error', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a', precedence: 1 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    pool.addRoleMapping({
      provider: IdentityProvider.userPool(auth.userPool, auth.webClient),
      rules: [{ claim: 'cognito:groups', matchType: MappingMatchType.CONTAINS, value: 'a', role: pool.addRole('A') }],
    });
    expect(() => pool.addGroupRole('a')).toThrow(/group roles need token-based mapping for '.*', but it has a rule-based mapping/);
  });

  test('group names that sanitize to the same construct id get distinct roles', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a-b', precedence: 1 }, { name: 'ab', precedence: 2 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['a-b', 'ab'] });
    expect(pool.roleForGroup('a-b')).not.toBe(pool.roleForGroup('ab'));
    expect(pool.groupRoleNames).toEqual(['a-b', 'ab']);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 3);
  });

  test('groups with roles but no precedence, or the same precedence, get a warning', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a' }, { name: 'b', precedence: 3 }, { name: 'c', precedence: 3 }] });
    new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['a', 'b', 'c'] });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/TestStack/Pool', Match.stringLikeRegexp("group 'a' has a role but no precedence"));
    annotations.hasWarning('/TestStack/Pool', Match.stringLikeRegexp("groups 'b' and 'c' have roles and the same precedence 3"));
  });

  test('addToGroupPolicy grants to that group role only', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a', precedence: 1 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['a'] });
    pool.addToGroupPolicy('a', new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::b/a/*'] }));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: logicalId(stack, pool.roleForGroup('a')) }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: 's3:PutObject' })] },
    });
    expect(() => pool.addToGroupPolicy('b', new iam.PolicyStatement())).toThrow(/group 'b' has no role/);
  });
});

describe('principal tags: variants and quotas', () => {
  test('tags mapped after a group role was added, and a group role added after tags, both trust sts:TagSession', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a', precedence: 1 }, { name: 'b', precedence: 2 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['a'] });
    pool.addPrincipalTag('department', 'custom:department');
    pool.addGroupRole('b');
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::IAM::Role', trust(stack, pool, 'authenticated', ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']), 3);
  });

  test('useDefaultPrincipalTags, and tags for another provider, get their own resource', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, useDefaultPrincipalTags: true, google: 'g' });
    pool.addPrincipalTag('domain', 'hd', IdentityProvider.google());
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::IdentityPoolPrincipalTag', 2);
    template.hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', {
      IdentityProviderName: stack.resolve(auth.userPool.userPoolProviderName),
      UseDefaults: true,
      PrincipalTags: Match.absent(),
    });
    template.hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', {
      IdentityProviderName: 'accounts.google.com',
      PrincipalTags: { domain: 'hd' },
    });
    template.hasResourceProperties('AWS::IAM::Role', trust(stack, pool, 'authenticated', ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']));
  });

  test('principal tags without a user-pool provider need an explicit provider', () => {
    const stack = newTestStack();
    expect(() => new FederatedIdentityPool(stack, 'Pool', { principalTags: { department: 'custom:department' } }))
      .toThrow(/principal tag 'department' needs a provider: TestStack\/Pool has 0 user-pool providers and no userPoolAuth/);
  });

  test('a single user pool from userPools is the default tag provider', () => {
    const stack = newTestStack();
    const up = new cognito.UserPool(stack, 'Up');
    const client = up.addClient('C');
    new FederatedIdentityPool(stack, 'Pool', { userPools: [{ userPool: up, userPoolClient: client }], principalTags: { d: 'custom:d' } });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', {
      IdentityProviderName: stack.resolve(up.userPoolProviderName),
      PrincipalTags: { d: 'custom:d' },
    });
  });

  test('50 tags for a provider are accepted, the 51st is an error naming the limit', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    for (let i = 0; i < 50; i++) pool.addPrincipalTag(`t${i}`, `custom:c${i}`);
    expect(() => pool.addPrincipalTag('t50', 'custom:c50')).toThrow(/would map 51 principal tags, more than the limit of 50 session tags per session/);
  });

  test('bad tag keys and claim names are errors naming the value and the rule', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    expect(() => pool.addPrincipalTag('k'.repeat(129), 'sub')).toThrow(/principal tag key must match .*1,128.*got 'k{129}' \(129 characters\)/);
    expect(() => pool.addPrincipalTag('dep{t}', 'sub')).toThrow(/principal tag key must match .*got 'dep\{t\}'/);
    expect(() => pool.addPrincipalTag('', 'sub')).toThrow(/principal tag key must match/);
    expect(() => pool.addPrincipalTag('aws:department', 'sub')).toThrow(/must not start with the reserved prefix 'aws:', got 'aws:department'/);
    expect(() => pool.addPrincipalTag('d', 'c'.repeat(257))).toThrow(/the claim mapped to principal tag 'd' must match .*1,256.*\(257 characters\)/);
    expect(() => pool.addPrincipalTag('d', 'custom:dept$')).toThrow(/the claim mapped to principal tag 'd' must match .*got 'custom:dept\$'/);
    pool.addPrincipalTag('d', 'custom:d');
    expect(() => pool.addPrincipalTag('d', 'custom:e')).toThrow(/principal tag 'd' is already mapped to claim 'custom:d'/);
    expect(() => pool.addPrincipalTag('d', 'custom:d')).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', { PrincipalTags: { d: 'custom:d' } });
  });

  test('tokens skip the tag checks', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    const longKey = Lazy.string({ produce: () => 'department' });
    const claim = Lazy.string({ produce: () => 'custom:department' });
    expect(() => pool.addPrincipalTag(longKey, claim)).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', { PrincipalTags: { department: 'custom:department' } });
  });

  test('a reserved role tag refuses principal tags of the same key in any case; other keys stay free', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, principalTags: { project: 'custom:project' } });
    // WHEN
    pool.reserveRoleTag('department', 'department roles');
    pool.reserveRoleTag('department', 'department roles of another construct'); // again: nothing new
    // THEN
    for (const key of ['department', 'DEPARTMENT', 'Department']) {
      expect(() => pool.addPrincipalTag(key, 'custom:department')).toThrow(new RegExp(`principal tag '${key}' cannot be mapped .*\\(department roles\\)`));
    }
    expect(() => pool.addPrincipalTag('cost-center', 'custom:cost')).not.toThrow();
    expect(() => pool.reserveRoleTag('Project', 'project roles')).toThrow(/principal tag 'project' is mapped/);
    expect(() => pool.useDefaultPrincipalTags(IdentityProvider.userPool(auth.userPool, auth.webClient))).not.toThrow();
    expect(() => pool.reserveRoleTag('Username', 'per-user roles')).toThrow(/principal tag 'username' is mapped/);
  });

  test('PolicyVariables refuse tags that would break the policy variable', () => {
    expect(PolicyVariables.principalTagKey('department')).toBe('aws:PrincipalTag/department');
    expect(() => PolicyVariables.principalTag('a}b')).toThrow(/principal tag must match .*\(STS session tag keys\), got 'a}b'/);
    expect(() => PolicyVariables.principalTagKey('x'.repeat(129))).toThrow(/principal tag must match/);
    expect(PolicyVariables.principalTag('cost center')).toBe('${aws:PrincipalTag/cost center}');
    // A token skips the check (its placeholder text would fail it).
    const token = Lazy.string({ produce: () => 'department' });
    expect(newTestStack().resolve(PolicyVariables.principalTag(token))).toBe('${aws:PrincipalTag/department}');
    expect(PolicyVariables.IDENTITY_POOL_ID_KEY).toBe('cognito-identity.amazonaws.com:aud');
    expect(PolicyVariables.AUTHENTICATION_METHODS_KEY).toBe('cognito-identity.amazonaws.com:amr');
  });
});

describe('per-identity grants: rendering and bad input', () => {
  test('ListBucket is scoped by s3:prefix and objects by the identity prefix', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    const bucket = new s3.Bucket(stack, 'B');
    pool.grantPerIdentityObjectAccess(bucket, { prefix: '' });
    const bucketArn = { 'Fn::GetAtt': [stack.getLogicalId(bucket.node.defaultChild as CfnElement), 'Arn'] };
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], Resource: { 'Fn::Join': ['', [bucketArn, '/${cognito-identity.amazonaws.com:sub}/*']] } },
          {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: bucketArn,
            Condition: { StringLike: { 's3:prefix': ['${cognito-identity.amazonaws.com:sub}/', '${cognito-identity.amazonaws.com:sub}/*'] } },
          },
        ],
      },
      Roles: [{ Ref: logicalId(stack, pool.authenticatedRole) }],
    });
  });

  test.each([
    ['private', 'must be empty or match'],
    ['/private/', 'must be empty or match'],
    ['a//b/', 'must be empty or match'],
    ['users/*/', 'must be empty or match'],
    ['${aws:username}/', 'must be empty or match'],
  ])('prefix %p is an error', (prefix, message) => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    const bucket = new s3.Bucket(stack, 'B');
    expect(() => pool.grantPerIdentityObjectAccess(bucket, { prefix })).toThrow(new RegExp(`per-identity prefix ${message}.*got '${prefix.replace(/[$*{}/]/g, (c) => `\\${c}`)}'`));
  });

  test('a token prefix skips the check', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    const bucket = new s3.Bucket(stack, 'B');
    expect(() => pool.grantPerIdentityObjectAccess(bucket, { prefix: Lazy.string({ produce: () => 'users/' }) })).not.toThrow();
  });

  test('DynamoDB items are keyed by the identity id with a mandatory leading key', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    const table = new dynamodb.Table(stack, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    pool.grantPerIdentityDynamoDbItems(table, { readOnly: true });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
          Resource: { 'Fn::GetAtt': [stack.getLogicalId(table.node.defaultChild as CfnElement), 'Arn'] },
          Condition: {
            'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] },
            'Null': { 'dynamodb:LeadingKeys': 'false' },
          },
        }],
      },
    });
  });
});

describe('client configuration', () => {
  test('one JSON document as an output and an SSM parameter, extensible with addClientConfig', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'my-app' });
    const pool = new FederatedIdentityPool(stack, 'Pool', {
      userPoolAuth: auth,
      clientConfig: { outputName: 'ClientConfig', exportName: 'app-config', ssmParameterName: '/app/client-config' },
    });
    // WHEN
    pool.addClientConfig('apiUrl', 'https://api.example.com/');
    // THEN
    const template = Template.fromStack(stack);
    const output = template.findOutputs('ClientConfig').ClientConfig;
    expect(output.Export).toEqual({ Name: 'app-config' });
    const document = output.Value['Fn::Join'][1];
    const rendered = JSON.stringify(document);
    for (const key of ['region', 'identityPoolId', 'userPoolId', 'webClientId', 'domain', 'apiUrl']) {
      expect(rendered).toContain(`\\"${key}\\":`);
    }
    expect(rendered).toContain('https://api.example.com/');
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/app/client-config', Type: 'String', Value: output.Value });
    expect(pool.clientConfigOutput).toBeDefined();
    expect(pool.clientConfigParameter).toBeDefined();
  });

  test('no output unless asked', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    pool.addClientConfig('apiUrl', 'x');
    expect(Object.keys(Template.fromStack(stack).findOutputs('*'))).toEqual([]);
    expect(pool.clientConfigOutput).toBeUndefined();
  });

  test('bad or duplicate client config keys are errors', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool', { clientConfig: {} });
    expect(() => pool.addClientConfig('api url', 'x')).toThrow(/client config key must match .*got 'api url'/);
    expect(() => pool.addClientConfig('identityPoolId', 'x')).toThrow(/client config key 'identityPoolId' is already set/);
  });
});

describe('partitions', () => {
  test('a China stack trusts the regional issuer', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Cn', { env: { region: 'cn-north-1', account: '123456789012' } });
    new FederatedIdentityPool(stack, 'Pool');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Principal: { Federated: 'cognito-identity.cn-north-1.amazonaws.com.cn' },
          Condition: Match.objectLike({ StringEquals: { 'cognito-identity.cn-north-1.amazonaws.com.cn:aud': Match.anyValue() } }),
        })],
      },
    });
  });

  test('a commercial-region stack trusts the global issuer', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Eu', { env: { region: 'eu-west-1', account: '123456789012' } });
    new FederatedIdentityPool(stack, 'Pool');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Federated: 'cognito-identity.amazonaws.com' } })] },
    });
  });
});

describe('stateful identity pool', () => {
  test('its logical id does not depend on the construct path, and it is retained', () => {
    const stack = newTestStack();
    const scope = new Construct(stack, 'Nested');
    const pool = new FederatedIdentityPool(scope, 'My-Pool');
    expect(stack.resolve(pool.identityPool.logicalId)).toBe('MyPoolIdentityPool');
    Template.fromStack(stack).hasResource('AWS::Cognito::IdentityPool', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('identityPoolLogicalId and removalPolicy override the defaults', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool', { identityPoolLogicalId: 'LegacyPool', removalPolicy: RemovalPolicy.DESTROY });
    expect(stack.resolve(pool.identityPool.logicalId)).toBe('LegacyPool');
    Template.fromStack(stack).hasResource('AWS::Cognito::IdentityPool', { DeletionPolicy: 'Delete' });
  });

  test('a bad logical id is an error', () => {
    const stack = newTestStack();
    expect(() => new FederatedIdentityPool(stack, 'Pool', { identityPoolLogicalId: 'my-pool' }))
      .toThrow(/identityPoolLogicalId must match \^\[A-Za-z\]\[A-Za-z0-9\]\{0,254\}\$, got 'my-pool'/);
  });
});

describe('managed policy size', () => {
  test('a baseline that would pass 6,144 characters is an error naming the size and the limit', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    const grant = (i: number) => pool.addToAuthenticatedPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [`arn:aws:s3:::bucket-${String(i).padStart(3, '0')}/shared/reference-data/*`],
    }));
    // WHEN statements of ~100 characters are added until one is refused
    let added = 0;
    let error: Error | undefined;
    for (; added < 100 && !error; added++) {
      try { grant(added); } catch (e) { error = e as Error; }
    }
    // THEN the refusal names the size and the limit, and what was accepted fits the limit
    expect(error?.message).toMatch(/the authenticated baseline policy of TestStack\/Pool would be about 61\d\d characters, more than the IAM limit of 6144/);
    const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy')) as any[];
    const rendered = JSON.stringify(policy.Properties.PolicyDocument).length;
    expect(rendered).toBeLessThanOrEqual(6144);
    expect(rendered).toBeGreaterThan(6144 - 110);
  });

  test('per-identity grants have their own budget', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    expect(() => {
      for (let i = 0; i < 40; i++) pool.grantPerIdentityObjectAccess(s3.Bucket.fromBucketName(stack, `B${i}`, `bucket-${i}`));
    }).toThrow(/the per-identity policy of TestStack\/Pool would be about \d+ characters, more than the IAM limit of 6144/);
  });
});

describe('names', () => {
  test('identityPoolName and developerProviderName follow the CloudFormation patterns', () => {
    const stack = newTestStack();
    expect(() => new FederatedIdentityPool(stack, 'A', { identityPoolName: 'my pool/prod' }))
      .toThrow(/identityPoolName must match .*got 'my pool\/prod'/);
    expect(() => new FederatedIdentityPool(stack, 'B', { developerProviderName: 'login example' }))
      .toThrow(/developerProviderName must match .*got 'login example'/);
    expect(() => new FederatedIdentityPool(stack, 'C', { identityPoolName: 'x'.repeat(129) })).toThrow(/identityPoolName must match/);
    new FederatedIdentityPool(stack, 'D', { identityPoolName: 'My app, prod', developerProviderName: 'login.my-app_1' });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPool', { IdentityPoolName: 'My app, prod', DeveloperProviderName: 'login.my-app_1' });
  });

  test('token names skip the checks', () => {
    const stack = newTestStack();
    expect(() => new FederatedIdentityPool(stack, 'Pool', {
      identityPoolName: Lazy.string({ produce: () => 'app' }),
      developerProviderName: Lazy.string({ produce: () => 'login.app' }),
    })).not.toThrow();
  });

  test('a Twitter secret in the template gets a warning', () => {
    const stack = newTestStack();
    new FederatedIdentityPool(stack, 'Pool', { twitter: 'key;secret' });
    Annotations.fromStack(stack).hasWarning('/TestStack/Pool', Match.stringLikeRegexp('Twitter consumer secret is written in clear'));
  });
});

describe('authenticatedIdentities', () => {
  test('identity-policy grants land in the baseline; a resource policy names the authenticated role', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    const grantee = pool.authenticatedIdentities.grantPrincipal;
    // WHEN
    const result = grantee.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['arn:aws:sns:us-east-1:123456789012:topic'] }));
    // THEN
    expect(result.statementAdded).toBe(true);
    expect(result.policyDependable).toBe(stack.node.findChild('Pool').node.findChild('AuthenticatedBaseline'));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'sns:Publish' })] },
      Roles: [{ Ref: logicalId(stack, pool.authenticatedRole) }],
    });
    expect(stack.resolve(grantee.policyFragment.principalJson)).toEqual(stack.resolve(pool.authenticatedRole.policyFragment.principalJson));
    expect(grantee.assumeRoleAction).toBe('sts:AssumeRole');
    expect(grantee.principalAccount).toBe(pool.authenticatedRole.principalAccount);
  });

  test('IdentityProvider.openIdConnect names an IAM OIDC provider by its issuer', () => {
    const stack = newTestStack();
    const oidc = new iam.OidcProviderNative(stack, 'Oidc', { url: 'https://login.example.com', thumbprints: ['a'.repeat(40)] });
    expect(stack.resolve(IdentityProvider.openIdConnect(oidc).mappingName)).toEqual(stack.resolve(oidc.openIdConnectProviderIssuer));
  });
});

describe('mappings name providers the pool accepts', () => {
  test('social, OIDC, SAML, user-pool and developer providers are accepted, whenever they are added', () => {
    // GIVEN
    const stack = newTestStack();
    const oidc = new iam.OidcProviderNative(stack, 'Oidc', { url: 'https://login.example.com', thumbprints: ['a'.repeat(40)] });
    const saml = iam.SamlProvider.fromSamlProviderArn(stack, 'Saml', 'arn:aws:iam::123456789012:saml-provider/corp');
    const pool = new FederatedIdentityPool(stack, 'Pool', {
      google: 'g', openIdConnectProviders: [oidc], samlProviders: [saml], developerProviderName: 'login.example.dev',
    });
    const up = new cognito.UserPool(stack, 'Up');
    const client = up.addClient('C');
    const later = IdentityProvider.userPool(up, client);
    // WHEN: the user-pool mapping comes before its provider
    pool.addRoleMapping({ provider: later });
    pool.addUserPoolProvider({ userPool: up, userPoolClient: client });
    for (const provider of [IdentityProvider.google(), IdentityProvider.openIdConnect(oidc), IdentityProvider.saml(saml)]) {
      pool.addRoleMapping({ provider });
      pool.addPrincipalTag('t', 'sub', provider);
    }
    pool.addPrincipalTag('t', 'sub', later);
    pool.addPrincipalTag('t', 'sub', IdentityProvider.named('login.example.dev'));
    // THEN
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('a provider given by reference that matches none of the pool\'s is left alone (it cannot be compared)', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool', { google: 'g' });
    const other = new cognito.UserPool(stack, 'Other');
    // WHEN
    pool.addRoleMapping({ provider: IdentityProvider.userPool(other, other.addClient('C')) });
    // THEN
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});

describe('providers added after construction', () => {
  test('addUserPoolProvider reaches the template, and a duplicate is refused', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    const up = new cognito.UserPool(stack, 'Up');
    const client = up.addClient('C');
    // WHEN
    pool.addUserPoolProvider({ userPool: up, userPoolClient: client });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPool', {
      CognitoIdentityProviders: [{
        ProviderName: stack.resolve(up.userPoolProviderName),
        ClientId: stack.resolve(client.userPoolClientId),
        ServerSideTokenCheck: true,
      }],
    });
    expect(() => pool.addUserPoolProvider({ userPool: up, userPoolClient: client })).toThrow(/is configured twice/);
  });
});
