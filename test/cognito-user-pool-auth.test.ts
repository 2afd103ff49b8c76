import { runSimulation } from '@cloud-copilot/iam-simulate';
import { CfnElement, CfnParameter, Duration, RemovalPolicy, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { CognitoUserPoolAuth, CognitoUserPoolAuthProps } from '../src';
import { newTestStack } from './helpers/app';
import { AccessSimulator } from './helpers/iam-simulation';
import { FAKE_ACCOUNT } from './helpers/template-resolver';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

function importedFunction(scope: Construct, id: string): lambda.IFunction {
  return lambda.Function.fromFunctionAttributes(scope, id, {
    functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${id}`,
    sameEnvironment: true,
  });
}

/** Every option at once: what a production app might configure. */
function fullyConfiguredProps(stack: Stack): CognitoUserPoolAuthProps {
  return {
    userPoolName: 'corp-users',
    featurePlan: cognito.FeaturePlan.PLUS,
    mfaSecondFactor: { otp: true, sms: true, email: true },
    email: cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesRegion: 'us-east-1' }),
    standardAttributes: { email: { required: true, mutable: true }, givenName: { required: false, mutable: true } },
    customAttributes: { department: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: true }) },
    lambdaTriggers: { preTokenGeneration: importedFunction(stack, 'PreToken') },
    groups: [{ name: 'admins', precedence: 0, description: 'Administrators' }, { name: 'finance', precedence: 10 }],
    callbackUrls: ['https://app.example.com/callback'],
    logoutUrls: ['https://app.example.com/'],
    customDomainName: 'auth.example.com',
    customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    google: { clientId: 'google-id', clientSecretValue: SecretValue.secretsManager('google') },
    facebook: { clientId: 'fb-id', clientSecretValue: SecretValue.secretsManager('facebook') },
    amazon: { clientId: 'amzn-id', clientSecretValue: SecretValue.secretsManager('amazon') },
    apple: { servicesId: 'com.example.app', teamId: 'TEAM123456', keyId: 'KEY1234567', privateKeyValue: SecretValue.secretsManager('apple') },
    oidcProviders: [{ name: 'Okta', clientId: 'okta-id', clientSecretValue: SecretValue.secretsManager('okta'), issuerUrl: 'https://example.okta.com' }],
    samlProviders: [{ name: 'Corp', metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.example.com/metadata.xml') }],
  };
}

function userPoolProps(stack: Stack): any {
  return Template.fromStack(stack).findResources('AWS::Cognito::UserPool');
}

// The rendered logical id: unlike stack.getLogicalId(), this honours overrideLogicalId.
function logicalIdOf(stack: Stack, construct: Construct): string {
  return stack.resolve((construct.node.defaultChild as CfnElement).logicalId);
}

function cognitoLogicalIds(stack: Stack): string[] {
  const resources = Template.fromStack(stack).toJSON().Resources as { [id: string]: { Type: string } };
  return Object.entries(resources).filter(([, r]) => r.Type.startsWith('AWS::Cognito::')).map(([id]) => id).sort();
}

describe('CognitoUserPoolAuth defaults', () => {
  test('the user pool signs in by email, case-insensitively, with self sign-up off and email verification', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new CognitoUserPoolAuth(stack, 'Auth');
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      Schema: [{ Name: 'email', Required: true, Mutable: true }],
    });
  });

  test('the password policy satisfies COG1 with 12 characters and all four classes', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
    });
  });

  test('MFA is required with TOTP only, on the ESSENTIALS plan without threat protection', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'ESSENTIALS',
      UserPoolAddOns: Match.absent(),
      SmsConfiguration: Match.absent(),
    });
    template.resourceCountIs('AWS::IAM::Role', 0);
  });

  test('the pool is protected from deletion and retained', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth');
    Template.fromStack(stack).hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('the web client is public, uses SRP, refresh and the code grant, and hides user existence', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { Ref: logicalIdOf(stack, auth.userPool) },
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: ['http://localhost:3000/'],
      LogoutURLs: ['http://localhost:3000/'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      SupportedIdentityProviders: ['COGNITO'],
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 43200,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  test('no domain, groups, providers or extra clients exist unless asked for', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 0);
    template.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 0);
    expect(auth.domain).toBeUndefined();
    expect(auth.smsRole).toBeUndefined();
    expect(auth.groupNames).toEqual([]);
    expect(auth.identityProviders).toEqual([]);
    expect(auth.serverClients).toEqual([]);
    expect(auth.machineClients).toEqual([]);
    expect(auth.resourceServers).toEqual([]);
    expect(auth.featurePlan).toBe(cognito.FeaturePlan.ESSENTIALS);
  });

  test('default template snapshot', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth');
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

describe('CognitoUserPoolAuth user pool options', () => {
  test('sign-in aliases, case sensitivity and self sign-up are configurable', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      signInAliases: { username: true, email: true },
      signInCaseSensitive: true,
      selfSignUpEnabled: true,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: Match.absent(),
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: true },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
    });
  });

  test('without email sign-in nothing is auto-verified and no original value is kept', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { signInAliases: { username: true }, standardAttributes: {} });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      AutoVerifiedAttributes: Match.absent(),
      UserAttributeUpdateSettings: Match.absent(),
    });
  });

  test('auto-verified and keep-original attributes are configurable', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      signInAliases: { email: true, phone: true },
      autoVerify: { email: true, phone: true },
      keepOriginal: { email: true, phone: true },
      mfaSecondFactor: { otp: true, sms: false },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email', 'phone_number'],
      AutoVerifiedAttributes: ['email', 'phone_number'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email', 'phone_number'] },
    });
  });

  test('account recovery, user name and messages are configurable', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      userPoolName: 'my-users',
      accountRecovery: cognito.AccountRecovery.NONE,
      userVerification: { emailSubject: 'Welcome', emailBody: 'Code {####}' },
      userInvitation: { emailSubject: 'Invited', emailBody: 'Hello {username}, {####}' },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'my-users',
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
      VerificationMessageTemplate: Match.objectLike({ EmailSubject: 'Welcome', EmailMessage: 'Code {####}' }),
      AdminCreateUserConfig: Match.objectLike({ InviteMessageTemplate: Match.objectLike({ EmailSubject: 'Invited' }) }),
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
  });

  test('a partial password policy keeps the other defaults', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { passwordPolicy: { minLength: 16, tempPasswordValidity: Duration.days(1) } });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 16,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 1,
        },
      },
    });
  });

  test('SMS MFA adds the SMS factor and an SMS role only Cognito can assume', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: true } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
      SmsConfiguration: Match.objectLike({ SnsCallerArn: { 'Fn::GetAtt': [logicalIdOf(stack, auth.smsRole!), 'Arn'] } }),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Principal: { Service: 'cognito-idp.amazonaws.com' },
          Condition: { StringEquals: { 'sts:ExternalId': Match.anyValue() } },
        })],
      },
    });
    expect(auth.smsRole).toBeDefined();
  });

  test('IAM simulation: the SMS role can only publish SMS, and only Cognito with the pool external id can assume it', async () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { mfaSecondFactor: { otp: true, sms: true } });
    const roleId = logicalIdOf(stack, auth.smsRole!);
    const sim = AccessSimulator.fromStack(stack);
    const externalId = Template.fromStack(stack).findResources('AWS::Cognito::UserPool').AuthUserPool.Properties.SmsConfiguration.ExternalId;
    const assume = async (principal: string, extId: string) => {
      const result: any = await runSimulation({
        request: {
          principal,
          action: 'sts:AssumeRole',
          resource: { resource: `arn:aws:iam::${FAKE_ACCOUNT}:role/sms`, accountId: FAKE_ACCOUNT },
          contextVariables: { 'sts:ExternalId': extId },
        },
        identityPolicies: [],
        resourcePolicy: sim.trustPolicy(roleId),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      }, {});
      expect(result.result.ignoredContextKeys ?? []).toEqual([]);
      return result.overallResult;
    };
    // THEN
    expect(await assume('cognito-idp.amazonaws.com', externalId)).toBe('Allowed');
    expect(await assume('cognito-idp.amazonaws.com', 'another-pool')).toBe('ImplicitlyDenied');
    expect(await assume('lambda.amazonaws.com', externalId)).toBe('ImplicitlyDenied');
    expect(await sim.request(roleId, { action: 'sns:Publish', resource: '*' })).toBe('Allowed');
    expect(await sim.request(roleId, { action: 'sns:CreateTopic', resource: `arn:aws:sns:us-east-1:${FAKE_ACCOUNT}:t` })).toBe('ImplicitlyDenied');
    expect(await sim.request(roleId, { action: 'cognito-idp:AdminDeleteUser', resource: '*' })).toBe('ImplicitlyDenied');
  });

  test('MFA can be turned off, and then declares no factor', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { mfa: cognito.Mfa.OFF, mfaSecondFactor: { otp: false, sms: false } });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OFF',
      EnabledMfas: Match.absent(),
    });
  });

  test('email OTP works with SES on the ESSENTIALS plan', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      mfaSecondFactor: { otp: true, sms: false, email: true },
      email: cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesRegion: 'eu-west-1' }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      EnabledMfas: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
      EmailConfiguration: Match.objectLike({ EmailSendingAccount: 'DEVELOPER', From: 'no-reply@example.com' }),
    });
  });

  test('the PLUS plan turns on full threat protection and drops the COG8 acknowledgement', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { featurePlan: cognito.FeaturePlan.PLUS });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    expect(auth.featurePlan).toBe(cognito.FeaturePlan.PLUS);
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });

  test('threat protection modes are configurable with PLUS', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
      customThreatProtectionMode: cognito.CustomThreatProtectionMode.FULL_FUNCTION,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT', AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'ENFORCED' } },
    });
  });

  test('PLUS without enforcement is legal but warned about', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.NO_ENFORCEMENT,
    });
    Annotations.fromStack(stack).hasWarning('/TestStack/Auth', Match.stringLikeRegexp('pay for threat protection without using it'));
  });

  test('the LITE plan is selectable', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { featurePlan: cognito.FeaturePlan.LITE });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'LITE' });
  });

  test('deletion protection and the removal policy can be relaxed', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { deletionProtection: false, removalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(stack).hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
  });

  test('DESTROY with deletion protection still on is warned about', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { removalPolicy: RemovalPolicy.DESTROY });
    Annotations.fromStack(stack).hasWarning('/TestStack/Auth', Match.stringLikeRegexp('removalPolicy is DESTROY but deletion protection is on'));
  });

  test('standard and custom attributes reach the schema', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      standardAttributes: { email: { required: true, mutable: true }, familyName: { required: false, mutable: true } },
      customAttributes: {
        department: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: true }),
        employeeId: new cognito.NumberAttribute({ min: 1, mutable: false }),
      },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: [
        { Name: 'email', Required: true, Mutable: true },
        { Name: 'family_name', Required: false, Mutable: true },
        { Name: 'department', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '40' } },
        { Name: 'employeeId', AttributeDataType: 'Number', Mutable: false, NumberAttributeConstraints: { MinValue: '1' } },
      ],
    });
  });

  test('Lambda triggers are passed through with an invoke permission for Cognito', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      lambdaTriggers: { preSignUp: importedFunction(stack, 'PreSignUp'), postConfirmation: importedFunction(stack, 'PostConfirm') },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:PreSignUp',
        PostConfirmation: 'arn:aws:lambda:us-east-1:123456789012:function:PostConfirm',
      },
    });
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'cognito-idp.amazonaws.com', Action: 'lambda:InvokeFunction' }, 2);
  });

  test('email can go through Cognito with a reply-to address', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { email: cognito.UserPoolEmail.withCognito('support@example.com') });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT', ReplyToEmailAddress: 'support@example.com' },
    });
  });
});

describe('CognitoUserPoolAuth web client options', () => {
  test('URLs, scopes, token validity and auth flows are configurable', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      webClientName: 'web',
      webClientAuthFlows: { userSrp: true, user: true },
      callbackUrls: ['https://app.example.com/callback', 'http://127.0.0.1:5173/'],
      logoutUrls: ['https://app.example.com/'],
      oAuthScopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.days(1),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      CallbackURLs: ['https://app.example.com/callback', 'http://127.0.0.1:5173/'],
      LogoutURLs: ['https://app.example.com/'],
      AllowedOAuthScopes: ['openid', 'email'],
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      RefreshTokenValidity: 1440,
    });
  });
});

describe('CognitoUserPoolAuth web client attributes', () => {
  test('users cannot write custom attributes (e.g. custom:department) through the web client by default', () => {
    // GIVEN a pool whose custom attribute decides access (ABAC)
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      customAttributes: { department: new cognito.StringAttribute({ mutable: true }) },
    });
    // THEN the web client lists the writable attributes, and no custom one is among them
    const clients = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient');
    const [web] = Object.values(clients) as any[];
    const writable: string[] = web.Properties.WriteAttributes;
    expect(writable).toEqual(expect.arrayContaining(['email', 'name', 'phone_number']));
    expect(writable.filter((a) => a.startsWith('custom:'))).toEqual([]);
    expect(writable).not.toContain('email_verified');
  });

  test('the writable attributes can be chosen', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      customAttributes: { nickname2: new cognito.StringAttribute({ mutable: true }) },
      webClientWriteAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes('nickname2'),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      WriteAttributes: ['custom:nickname2', 'email'],
    });
  });
});

describe('CognitoUserPoolAuth web client warnings', () => {
  test('a password flow on the public web client is warned about', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { webClientAuthFlows: { userSrp: true, userPassword: true } });
    Annotations.fromStack(stack).hasWarning('/TestStack/Auth', Match.stringLikeRegexp('enables a password flow on the public web client'));
  });

  test('the default flows raise no warning', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth');
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('CognitoUserPoolAuth groups', () => {
  test('groups from props and addGroup are created and reachable by name', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'admins', description: 'Admins', precedence: 0 }] });
    // WHEN
    const finance = auth.addGroup('finance', { precedence: 10 });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: 'admins', Description: 'Admins', Precedence: 0, UserPoolId: { Ref: 'AuthUserPool' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'finance', Precedence: 10 });
    expect(auth.group('finance')).toBe(finance);
    expect(auth.hasGroup('admins')).toBe(true);
    expect(auth.hasGroup('hr')).toBe(false);
    expect(auth.groupNames).toEqual(['admins', 'finance']);
  });

  test('group() names the missing group and the fix', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'admins' }] });
    expect(() => auth.group('hr')).toThrow("no user-pool group named 'hr' in TestStack/Auth (groups: admins); add it with groups: [{ name: 'hr' }] or addGroup('hr')");
  });

  test('group logical ids are readable, and distinct for names that differ only in punctuation or script', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'ab' }, { name: 'a-b' }, { name: 'Ärzte' }] });
    const ids = ['ab', 'a-b', 'Ärzte'].map((name) => logicalIdOf(stack, auth.group(name)));
    expect(ids[0]).toBe('AuthUserPoolGroupab');
    expect(ids[1]).toMatch(/^AuthUserPoolGroupab[0-9a-f]{8}$/);
    expect(ids[2]).toMatch(/^AuthUserPoolGrouprzte[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBe(3);
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPoolGroup', 3);
  });

  test('precedence bounds 0 and 2147483647 are accepted', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    auth.addGroup('first', { precedence: 0 });
    auth.addGroup('last', { precedence: 2147483647 });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'last', Precedence: 2147483647 });
  });
});

describe('CognitoUserPoolAuth additional clients', () => {
  test('addServerClient creates a confidential code-grant client with the web client URLs', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { callbackUrls: ['https://app.example.com/cb'], logoutUrls: ['https://app.example.com/'] });
    const client = auth.addServerClient('Backend');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: ['https://app.example.com/cb'],
      LogoutURLs: ['https://app.example.com/'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect(logicalIdOf(stack, client)).toBe('AuthUserPoolBackend');
    expect(auth.serverClients).toEqual([client]);
  });

  test('addServerClient options override URLs, scopes and validity', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    auth.addServerClient('Backend', {
      userPoolClientName: 'backend',
      callbackUrls: ['https://api.example.com/cb'],
      logoutUrls: ['https://api.example.com/'],
      oAuthScopes: [cognito.OAuthScope.OPENID],
      accessTokenValidity: Duration.minutes(5),
      idTokenValidity: Duration.minutes(5),
      refreshTokenValidity: Duration.hours(2),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'backend',
      CallbackURLs: ['https://api.example.com/cb'],
      AllowedOAuthScopes: ['openid'],
      AccessTokenValidity: 5,
      IdTokenValidity: 5,
      RefreshTokenValidity: 120,
    });
  });

  test('addMachineClient creates a client-credentials client and a resource server with its scopes', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login' });
    const client = auth.addMachineClient('Reporting', {
      identifier: 'orders',
      scopes: [{ name: 'read', description: 'Read orders' }, { name: 'write', description: 'Write orders' }],
      accessTokenValidity: Duration.minutes(10),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'orders',
      Name: 'orders',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }, { ScopeName: 'write', ScopeDescription: 'Write orders' }],
      UserPoolId: { Ref: 'AuthUserPool' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: [
        { 'Fn::Join': ['', [{ Ref: 'AuthUserPoolReportingResourceServer' }, '/read']] },
        { 'Fn::Join': ['', [{ Ref: 'AuthUserPoolReportingResourceServer' }, '/write']] },
      ],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      AccessTokenValidity: 10,
      CallbackURLs: Match.absent(),
    });
    expect(logicalIdOf(stack, client)).toBe('AuthUserPoolReporting');
    expect(auth.machineClients).toEqual([client]);
    expect(auth.resourceServers).toHaveLength(1);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('needs the token endpoint'));
  });

  test('a URL identifier gives a resource server name CloudFormation accepts', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login' });
    auth.addMachineClient('Batch', { identifier: 'https://api.example.com/v1', scopes: [{ name: 'jobs.run', description: 'Run jobs' }] });
    auth.addMachineClient('Named', { identifier: 'named', resourceServerName: 'Named API', scopes: [{ name: 'read', description: 'Read' }] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'https://api.example.com/v1', Name: 'api.example.com-v1' });
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'named', Name: 'Named API' });
  });

  test('a machine client without a domain is warned about', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    auth.addMachineClient('Reporting', { identifier: 'orders', scopes: [{ name: 'read', description: 'Read' }] });
    Annotations.fromStack(stack).hasWarning('/TestStack/Auth', Match.stringLikeRegexp("machine client 'Reporting' .* needs the token endpoint"));
  });
});

describe('CognitoUserPoolAuth domain', () => {
  test('a Cognito prefix domain', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login', callbackUrls: ['https://app.example.com/'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'corp-login',
      UserPoolId: { Ref: 'AuthUserPool' },
      CustomDomainConfig: Match.absent(),
    });
    expect(auth.domain).toBeDefined();
    expect(logicalIdOf(stack, auth.domain!)).toBe('AuthUserPoolDomain');
  });

  test('a custom domain with an ACM certificate and managed login', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      customDomainName: 'auth.example.com',
      customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
      callbackUrls: ['https://app.example.com/'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'auth.example.com',
      CustomDomainConfig: { CertificateArn: CERT_ARN },
      ManagedLoginVersion: 2,
    });
  });

  test('a domain with the default localhost callbacks is warned about', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login' });
    Annotations.fromStack(stack).hasWarning('/TestStack/Auth', Match.stringLikeRegexp('set callbackUrls and logoutUrls'));
  });

  test('explicit callbacks silence the localhost warning', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login', callbackUrls: ['https://app.example.com/'] });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('set callbackUrls'));
  });
});

describe('CognitoUserPoolAuth federation', () => {
  test('each provider is created with its email mapping and secret reference', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', fullyConfiguredProps(stack));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: Match.objectLike({ client_id: 'google-id', authorize_scopes: 'openid email profile', client_secret: Match.stringLikeRegexp('secretsmanager:google') }),
      AttributeMapping: Match.objectLike({ email: 'email', email_verified: 'email_verified' }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Facebook',
      ProviderDetails: Match.objectLike({ client_id: 'fb-id', authorize_scopes: 'public_profile,email', client_secret: Match.stringLikeRegexp('secretsmanager:facebook') }),
      AttributeMapping: Match.objectLike({ email: 'email' }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'LoginWithAmazon',
      ProviderDetails: Match.objectLike({ client_id: 'amzn-id', authorize_scopes: 'profile' }),
      AttributeMapping: Match.objectLike({ email: 'email' }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'SignInWithApple',
      ProviderDetails: Match.objectLike({ client_id: 'com.example.app', team_id: 'TEAM123456', key_id: 'KEY1234567', authorize_scopes: 'name email' }),
      AttributeMapping: Match.objectLike({ email: 'email' }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Okta',
      ProviderType: 'OIDC',
      ProviderDetails: Match.objectLike({ oidc_issuer: 'https://example.okta.com', authorize_scopes: 'openid email profile' }),
      AttributeMapping: Match.objectLike({ email: 'email' }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Corp',
      ProviderType: 'SAML',
      ProviderDetails: Match.objectLike({ MetadataURL: 'https://idp.example.com/metadata.xml' }),
      AttributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
    });
  });

  test('every provider is a supported provider of the web client, which depends on it', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', fullyConfiguredProps(stack));
    const providerIds = auth.identityProviders.map((p) => logicalIdOf(stack, p));
    expect(providerIds).toEqual(['AuthUserPoolGoogle', 'AuthUserPoolFacebook', 'AuthUserPoolAmazon', 'AuthUserPoolApple', 'AuthUserPoolOidcOkta', 'AuthUserPoolSamlCorp']);
    Template.fromStack(stack).hasResource('AWS::Cognito::UserPoolClient', {
      Properties: Match.objectLike({
        SupportedIdentityProviders: ['COGNITO', ...providerIds.map((id) => ({ Ref: id }))],
        GenerateSecret: false,
      }),
      DependsOn: [...providerIds].sort(),
    });
  });

  test('server clients support the providers too', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', {
      callbackUrls: ['https://app.example.com/'],
      domainPrefix: 'corp-login',
      google: { clientId: 'g', clientSecretValue: SecretValue.secretsManager('g') },
    });
    auth.addServerClient('Backend');
    Template.fromStack(stack).hasResource('AWS::Cognito::UserPoolClient', {
      Properties: Match.objectLike({ GenerateSecret: true, SupportedIdentityProviders: ['COGNITO', { Ref: 'AuthUserPoolGoogle' }] }),
      DependsOn: ['AuthUserPoolGoogle'],
    });
  });

  test('scopes and attribute mappings are configurable', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', {
      callbackUrls: ['https://app.example.com/'],
      domainPrefix: 'corp-login',
      customAttributes: { department: new cognito.StringAttribute({ mutable: true }) },
      oidcProviders: [{
        name: 'Entra',
        clientId: 'id',
        clientSecretValue: SecretValue.secretsManager('entra'),
        issuerUrl: 'https://login.microsoftonline.com/tenant/v2.0',
        scopes: ['openid', 'email'],
        identifiers: ['example.com'],
        attributeRequestMethod: cognito.OidcAttributeRequestMethod.POST,
        attributeMapping: { email: cognito.ProviderAttribute.other('email'), custom: { 'custom:department': cognito.ProviderAttribute.other('department') } },
      }],
      samlProviders: [{
        name: 'Adfs',
        metadata: cognito.UserPoolIdentityProviderSamlMetadata.file('<xml/>'),
        idpSignout: true,
        identifiers: ['corp.example.com'],
      }],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Entra',
      ProviderDetails: Match.objectLike({ authorize_scopes: 'openid email', attributes_request_method: 'POST' }),
      IdpIdentifiers: ['example.com'],
      AttributeMapping: { 'email': 'email', 'custom:department': 'department' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Adfs',
      ProviderDetails: Match.objectLike({ MetadataFile: '<xml/>', IDPSignout: true }),
      IdpIdentifiers: ['corp.example.com'],
    });
  });

  test('providers with the default localhost callbacks are warned about', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { google: { clientId: 'g', clientSecretValue: SecretValue.secretsManager('g') } });
    Annotations.fromStack(stack).hasWarning('/TestStack/Auth', Match.stringLikeRegexp('set callbackUrls and logoutUrls'));
  });
});

describe('CognitoUserPoolAuth token authorizer', () => {
  test('tokenAuthorizer trusts this pool', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const api = new apigateway.RestApi(stack, 'Api');
    // WHEN
    const authorizer = auth.tokenAuthorizer(stack, 'Authorizer', { resultsCacheTtl: Duration.minutes(1) });
    api.root.addMethod('GET', new apigateway.MockIntegration(), { authorizer });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [{ 'Fn::GetAtt': ['AuthUserPool', 'Arn'] }],
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 60,
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'COGNITO_USER_POOLS' });
  });
});

describe('CognitoUserPoolAuth logical id stability', () => {
  const variations: { [name: string]: (stack: Stack) => CognitoUserPoolAuthProps } = {
    'MFA': () => ({ mfa: cognito.Mfa.OPTIONAL }),
    'groups': () => ({ groups: [{ name: 'admins' }, { name: 'finance' }] }),
    'domain': () => ({ domainPrefix: 'corp-login', callbackUrls: ['https://app.example.com/'] }),
    'triggers': (stack) => ({ lambdaTriggers: { preSignUp: importedFunction(stack, 'Fn') } }),
    'web client': () => ({ callbackUrls: ['https://app.example.com/'], accessTokenValidity: Duration.minutes(5) }),
    'federation': (stack) => fullyConfiguredProps(stack),
  };

  test.each(Object.keys(variations))('changing %s keeps the pool logical id', (name) => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', variations[name](stack));
    expect(logicalIdOf(stack, auth.userPool)).toBe('AuthUserPool');
    expect(auth.userPoolLogicalId).toBe('AuthUserPool');
  });

  test('adding clients keeps the pool logical id', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login', callbackUrls: ['https://app.example.com/'] });
    auth.addServerClient('Backend');
    auth.addMachineClient('Batch', { identifier: 'batch', scopes: [{ name: 'run', description: 'Run jobs' }] });
    expect(Object.keys(userPoolProps(stack))).toEqual(['AuthUserPool']);
  });

  test('wrapping the construct in another construct changes no Cognito logical id', () => {
    // GIVEN
    const build = (scope: Construct, stack: Stack) => {
      const auth = new CognitoUserPoolAuth(scope, 'Auth', { ...fullyConfiguredProps(stack), customDomainCertificate: undefined, customDomainName: undefined, domainPrefix: 'corp-login' });
      auth.addServerClient('Backend');
      auth.addMachineClient('Batch', { identifier: 'batch', scopes: [{ name: 'run', description: 'Run jobs' }] });
    };
    const flat = newTestStack();
    build(flat, flat);
    // WHEN
    const nested = newTestStack();
    build(new Construct(new Construct(nested, 'Platform'), 'Identity'), nested);
    // THEN
    expect(cognitoLogicalIds(nested)).toEqual(cognitoLogicalIds(flat));
    expect(cognitoLogicalIds(flat)).toContain('AuthUserPool');
  });

  test('renaming the construct keeps the pool when userPoolLogicalId pins the old id', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Identity', { userPoolLogicalId: 'AuthUserPool' });
    expect(logicalIdOf(stack, auth.userPool)).toBe('AuthUserPool');
    expect(logicalIdOf(stack, auth.webClient)).toBe('AuthUserPoolWebClient');
  });

  test('client and provider ids with punctuation get distinct, stable logical ids', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', {
      domainPrefix: 'corp-login',
      callbackUrls: ['https://app.example.com/'],
      samlProviders: [
        { name: 'Corp-EU', metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://eu.example.com/m.xml') },
        { name: 'CorpEU', metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://eu2.example.com/m.xml') },
      ],
    });
    const a = auth.addServerClient('back-end');
    const b = auth.addServerClient('backend');
    expect(logicalIdOf(stack, a)).toMatch(/^AuthUserPoolbackend[0-9a-f]{8}$/);
    expect(logicalIdOf(stack, b)).toBe('AuthUserPoolbackend');
    const [eu, eu2] = auth.identityProviders.map((p) => logicalIdOf(stack, p));
    expect(eu).toMatch(/^AuthUserPoolSamlCorpEU[0-9a-f]{8}$/);
    expect(eu2).toBe('AuthUserPoolSamlCorpEU');
  });

  test('construct ids with punctuation give a sanitized logical id', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'my-auth.v2');
    expect(logicalIdOf(stack, auth.userPool)).toBe('myauthv2UserPool');
  });

  test('the same construct id in two stacks is fine', () => {
    const stack = newTestStack();
    const other = new Stack(stack.node.scope as Construct, 'Other');
    new CognitoUserPoolAuth(stack, 'Auth');
    expect(() => new CognitoUserPoolAuth(other, 'Auth')).not.toThrow();
  });
});

describe('CognitoUserPoolAuth bad input', () => {
  test('an invalid domain prefix', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'My_App' }))
      .toThrow("domainPrefix must match ^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$ (lowercase letters, digits and inner hyphens, 1-63 characters), got 'My_App'; use e.g. 'my-app-auth'");
  });

  test('a domain prefix with a trailing hyphen', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'login-' })).toThrow(/domainPrefix must match .* got 'login-'/);
  });

  test.each(['aws', 'amazon', 'cognito'])('a domain prefix containing the reserved word %s', (word) => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: `my-${word}-login` }))
      .toThrow(`domainPrefix must not contain the reserved words 'aws', 'amazon', 'cognito', got 'my-${word}-login' (contains '${word}'); choose a prefix without it`);
  });

  test('both a domain prefix and a custom domain', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', {
      domainPrefix: 'corp-login',
      customDomainName: 'auth.example.com',
      customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    })).toThrow("set either domainPrefix ('corp-login') or customDomainName ('auth.example.com'), not both");
  });

  test('a custom domain without a certificate', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { customDomainName: 'auth.example.com' }))
      .toThrow("customDomainName and customDomainCertificate go together, got customDomainName 'auth.example.com' without a certificate");
  });

  test('a custom domain certificate outside us-east-1', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', {
      customDomainName: 'auth.example.com',
      customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN.replace('us-east-1', 'eu-west-1')),
    })).toThrow("customDomainCertificate must be an ACM certificate in us-east-1 (Cognito serves custom domains through CloudFront), got one in 'eu-west-1'");
  });

  test('a duplicate group name', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'admins' }] });
    expect(() => auth.addGroup('admins'))
      .toThrow("group 'admins' is already defined in TestStack/Auth; group names must be unique in a user pool, use group('admins') to get the existing one");
  });

  test('a duplicate group name in props', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'admins' }, { name: 'admins' }] }))
      .toThrow(/group 'admins' is already defined/);
  });

  test('a group name with whitespace', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    expect(() => auth.addGroup('a b'))
      .toThrow("group name must match ^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$ (1-128 letters, digits, punctuation or symbols, no whitespace), got 'a b'; use e.g. 'a-b'");
  });

  test('an empty group name', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    expect(() => auth.addGroup('')).toThrow(/group name must match .* got ''; use e.g. 'my-group'/);
  });

  test('a group name over 128 characters', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    expect(() => auth.addGroup('g'.repeat(129))).toThrow(/group name must match .*\{1,128\}/);
    expect(() => auth.addGroup('g'.repeat(128))).not.toThrow();
  });

  test.each([-1, 2147483648, 1.5])('group precedence %s', (precedence) => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    expect(() => auth.addGroup('admins', { precedence }))
      .toThrow(`precedence of group 'admins' must be an integer from 0 to 2147483647, got ${precedence}; lower numbers win`);
  });

  test('more than 10,000 groups', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    for (let i = 0; i < 10_000; i++) auth.addGroup(`g${i}`);
    expect(() => auth.addGroup('one-too-many'))
      .toThrow("cannot add group 'one-too-many': a user pool holds at most 10000 groups (hard Cognito quota)");
  });

  test('an http callback URL that is not localhost', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { callbackUrls: ['http://app.example.com/cb'] }))
      .toThrow("callback URL must use https (http is only allowed for http://localhost and http://127.0.0.1), got 'http://app.example.com/cb'; use 'https://app.example.com/cb'");
  });

  test('an http logout URL that is not localhost', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { logoutUrls: ['http://app.example.com/'] }))
      .toThrow("logout URL must use https (http is only allowed for http://localhost and http://127.0.0.1), got 'http://app.example.com/'");
  });

  test('a relative callback URL', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { callbackUrls: ['/callback'] }))
      .toThrow("callback URL must be an absolute URL, got '/callback'");
  });

  test('no callback URL at all', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { callbackUrls: [] })).toThrow(/callbackUrls must not be empty/);
  });

  test('an http callback URL on a server client', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    expect(() => auth.addServerClient('Backend', { callbackUrls: ['http://backend.example.com/cb'] })).toThrow(/callback URL must use https/);
  });

  test('a custom attribute name over 20 characters', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { customAttributes: { departmentCostCenter1: new cognito.StringAttribute() } }))
      .toThrow("custom attribute name must be 1-20 characters without whitespace, got 'departmentCostCenter1' (21 characters); use a shorter name such as 'departmentCostCenter'");
  });

  test('a custom attribute name with the custom: prefix', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { customAttributes: { 'custom:department': new cognito.StringAttribute() } }))
      .toThrow("custom attribute names are given without the 'custom:' prefix (Cognito adds it), got 'custom:department'; use 'department'");
  });

  test('more than 50 custom attributes', () => {
    const stack = newTestStack();
    const customAttributes: { [name: string]: cognito.ICustomAttribute } = {};
    for (let i = 0; i < 51; i++) customAttributes[`attr${i}`] = new cognito.StringAttribute();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { customAttributes }))
      .toThrow('a user pool holds at most 50 custom attributes (hard Cognito quota), got 51');
  });

  test('50 custom attributes are accepted', () => {
    const stack = newTestStack();
    const customAttributes: { [name: string]: cognito.ICustomAttribute } = {};
    for (let i = 0; i < 50; i++) customAttributes[`attr${i}`] = new cognito.StringAttribute();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { customAttributes })).not.toThrow();
  });

  test.each([cognito.Mfa.REQUIRED, cognito.Mfa.OPTIONAL])('MFA %s with no factor', (mfa) => {
    const stack = newTestStack();
    const mode = mfa === cognito.Mfa.REQUIRED ? 'Mfa.REQUIRED' : 'Mfa.OPTIONAL';
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { mfa, mfaSecondFactor: { otp: false, sms: false, email: false } }))
      .toThrow(`mfa is ${mode} but mfaSecondFactor enables no factor (otp: false, sms: false, email: false); enable at least one`);
  });

  test('email OTP without SES', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { mfaSecondFactor: { otp: true, sms: false, email: true } }))
      .toThrow('email OTP MFA (mfaSecondFactor.email) needs email sent through Amazon SES, got no email setting (Cognito email service); set email: cognito.UserPoolEmail.withSES');
  });

  test('email OTP on the LITE plan', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', {
      featurePlan: cognito.FeaturePlan.LITE,
      mfaSecondFactor: { otp: true, sms: false, email: true },
      email: cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesRegion: 'us-east-1' }),
    })).toThrow('email OTP MFA (mfaSecondFactor.email) needs featurePlan ESSENTIALS or PLUS, got LITE');
  });

  test('standard threat protection without the PLUS plan', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION }))
      .toThrow('standardThreatProtectionMode ENFORCED needs featurePlan: cognito.FeaturePlan.PLUS, got featurePlan ESSENTIALS; set featurePlan to PLUS');
  });

  test('custom threat protection without the PLUS plan', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { customThreatProtectionMode: cognito.CustomThreatProtectionMode.AUDIT_ONLY }))
      .toThrow('customThreatProtectionMode AUDIT needs featurePlan: cognito.FeaturePlan.PLUS, got featurePlan ESSENTIALS');
  });

  test('NO_ENFORCEMENT is allowed on ESSENTIALS', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.NO_ENFORCEMENT });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', { UserPoolAddOns: { AdvancedSecurityMode: 'OFF' } });
  });

  test('a machine client with no scopes', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login' });
    expect(() => auth.addMachineClient('Batch', { identifier: 'batch', scopes: [] }))
      .toThrow("machine client 'Batch' has no scopes: the client-credentials grant needs at least one custom scope; pass scopes: [{ name: 'read', description: 'Read access' }]");
  });

  test('two machine clients with the same resource server identifier', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login' });
    auth.addMachineClient('A', { identifier: 'orders', scopes: [{ name: 'read', description: 'Read' }] });
    expect(() => auth.addMachineClient('B', { identifier: 'orders', scopes: [{ name: 'read', description: 'Read' }] }))
      .toThrow("a resource server with identifier 'orders' already exists in TestStack/Auth; use a different identifier for machine client 'B'");
  });

  test('a resource server identifier with a space', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login' });
    expect(() => auth.addMachineClient('Batch', { identifier: 'my api', scopes: [{ name: 'read', description: 'Read' }] }))
      .toThrow("resource server identifier of machine client 'Batch' must be 1-256 printable ASCII characters without spaces, quotes or backslashes, got 'my api'");
  });

  test('a scope name with a slash', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login' });
    expect(() => auth.addMachineClient('Batch', { identifier: 'orders', scopes: [{ name: 'orders/read', description: 'Read' }] }))
      .toThrow("scope name of machine client 'Batch' must be 1-256 printable ASCII characters without spaces, quotes, backslashes or '/', got 'orders/read'; use e.g. 'orders.read'");
  });

  test('two OIDC / SAML providers with the same name', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', {
      oidcProviders: [{ name: 'Corp', clientId: 'id', clientSecretValue: SecretValue.secretsManager('s'), issuerUrl: 'https://corp.example.com' }],
      samlProviders: [{ name: 'Corp', metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.example.com/m.xml') }],
    })).toThrow("identity provider name 'Corp' is used twice in oidcProviders / samlProviders; provider names must be unique in a user pool");
  });

  test('an OIDC provider named like a social provider', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', {
      oidcProviders: [{ name: 'Google', clientId: 'id', clientSecretValue: SecretValue.secretsManager('s'), issuerUrl: 'https://accounts.google.com' }],
    })).toThrow("identity provider name 'Google' is reserved by Cognito (COGNITO, Google, Facebook, LoginWithAmazon, SignInWithApple); use the google / facebook / amazon / apple props for those, or another name such as 'GoogleOidc'");
  });

  test('an invalid userPoolLogicalId', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { userPoolLogicalId: 'Auth-Pool' }))
      .toThrow("userPoolLogicalId must match ^[A-Za-z][A-Za-z0-9]{0,254}$ (a CloudFormation logical id: a letter, then letters and digits, at most 255), got 'Auth-Pool'");
  });

  test('two pools that would share a logical id', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth');
    expect(() => new CognitoUserPoolAuth(new Construct(stack, 'Team'), 'Auth'))
      .toThrow("user pool logical id 'AuthUserPool' of TestStack/Team/Auth is already used by TestStack/Auth in stack TestStack; give one of them a distinct userPoolLogicalId (e.g. 'AuthUserPool2') or a different construct id");
  });
});

describe('CognitoUserPoolAuth skips checks on tokens', () => {
  test('a token domain prefix', () => {
    const stack = newTestStack();
    const prefix = new CfnParameter(stack, 'Prefix').valueAsString;
    new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: prefix, callbackUrls: ['https://app.example.com/'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: { Ref: 'Prefix' } });
  });

  test('a token group name and precedence', () => {
    const stack = newTestStack();
    const name = new CfnParameter(stack, 'GroupName').valueAsString;
    const precedence = Token.asNumber(new CfnParameter(stack, 'Precedence', { type: 'Number' }).value);
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    auth.addGroup(name, { precedence });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: { Ref: 'GroupName' }, Precedence: { Ref: 'Precedence' } });
  });

  test('token callback and logout URLs', () => {
    const stack = newTestStack();
    const url = new CfnParameter(stack, 'AppUrl').valueAsString;
    new CognitoUserPoolAuth(stack, 'Auth', { callbackUrls: [url], logoutUrls: [url] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { CallbackURLs: [{ Ref: 'AppUrl' }], LogoutURLs: [{ Ref: 'AppUrl' }] });
  });

  test('a token resource server identifier and scope name', () => {
    const stack = newTestStack();
    const identifier = new CfnParameter(stack, 'ApiId').valueAsString;
    const scopeName = new CfnParameter(stack, 'ScopeName').valueAsString;
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { domainPrefix: 'corp-login' });
    auth.addMachineClient('Batch', { identifier, scopes: [{ name: scopeName, description: 'Run' }] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: { Ref: 'ApiId' },
      Name: { Ref: 'ApiId' },
      Scopes: [{ ScopeName: { Ref: 'ScopeName' }, ScopeDescription: 'Run' }],
    });
  });

  test('a certificate whose region is unknown at synth time', () => {
    const stack = newTestStack();
    const arn = new CfnParameter(stack, 'CertArn').valueAsString;
    new CognitoUserPoolAuth(stack, 'Auth', {
      customDomainName: 'auth.example.com',
      customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', arn),
      callbackUrls: ['https://app.example.com/'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', { CustomDomainConfig: { CertificateArn: { Ref: 'CertArn' } } });
  });

  test('a token userPoolLogicalId is refused: a logical id must be known at synth time', () => {
    const stack = newTestStack();
    expect(() => new CognitoUserPoolAuth(stack, 'Auth', { userPoolLogicalId: new CfnParameter(stack, 'Id').valueAsString }))
      .toThrow(/userPoolLogicalId must match/);
  });
});

describe('CognitoUserPoolAuth cdk-nag AwsSolutions', () => {
  test('the default stack has no unacknowledged violation', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth');
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });

  test('COG8 is acknowledged on the user pool only, with the reason', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const acks = auth.userPool.node.defaultChild!.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules');
    expect(JSON.stringify(acks)).toMatch(/AwsSolutions-COG8.*featurePlan ESSENTIALS was chosen/);
    expect(auth.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules')).toEqual([]);
  });

  test('a fully configured stack has no unacknowledged violation', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', fullyConfiguredProps(stack));
    auth.addServerClient('Backend');
    auth.addMachineClient('Batch', { identifier: 'batch', scopes: [{ name: 'run', description: 'Run jobs' }] });
    expect(auth.smsRole).toBeDefined();
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });

  test('the SMS role wildcard is acknowledged on that role only, for that finding only, with the reason', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { mfaSecondFactor: { otp: true, sms: true } });
    const acks = JSON.stringify(auth.smsRole!.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules'));
    expect(acks).toMatch(/AwsSolutions-IAM5\[Resource::\*\].*sns:Publish to phone numbers has no resource ARN/);
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });

  test('MFA OPTIONAL is reported by COG2: the construct does not hide a weaker choice', () => {
    const stack = newTestStack();
    new CognitoUserPoolAuth(stack, 'Auth', { mfa: cognito.Mfa.OPTIONAL });
    expect(new AwsSolutionsChecks().validateScope(stack).violations.map((v) => v.ruleName)).toEqual(['AwsSolutions-COG2']);
  });
});
