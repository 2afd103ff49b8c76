import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CognitoUserPoolAuth } from '../src';

// aws-cdk-lib's built-in CloudFormation schema validation is ON here (~3 s and ~300 MB per synth),
// in construct-library strict mode: every finding, warnings included, fails the synth.
function validatingApp(): App {
  return new App({
    builtinCloudFormationValidation: true,
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:strictCfnValidateErrors': true },
  });
}

function fullyConfigured(stack: Stack): CognitoUserPoolAuth {
  const auth = new CognitoUserPoolAuth(stack, 'Auth', {
    userPoolName: 'corp-users',
    featurePlan: cognito.FeaturePlan.PLUS,
    customThreatProtectionMode: cognito.CustomThreatProtectionMode.AUDIT_ONLY,
    mfaSecondFactor: { otp: true, sms: true, email: true },
    email: cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesRegion: 'us-east-1' }),
    standardAttributes: { email: { required: true, mutable: true }, givenName: { required: false, mutable: true } },
    customAttributes: { department: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: true }) },
    lambdaTriggers: {
      preTokenGeneration: lambda.Function.fromFunctionAttributes(stack, 'PreToken', {
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:pre-token',
        sameEnvironment: true,
      }),
    },
    groups: [{ name: 'admins', precedence: 0, description: 'Administrators' }, { name: 'finance', precedence: 10 }],
    callbackUrls: ['https://app.example.com/callback', 'http://localhost:3000/'],
    logoutUrls: ['https://app.example.com/'],
    customDomainName: 'auth.example.com',
    customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert',
      'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'),
    managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    google: { clientId: 'google-id', clientSecretValue: SecretValue.secretsManager('google') },
    facebook: { clientId: 'fb-id', clientSecretValue: SecretValue.secretsManager('facebook') },
    amazon: { clientId: 'amzn-id', clientSecretValue: SecretValue.secretsManager('amazon') },
    apple: { servicesId: 'com.example.app', teamId: 'TEAM123456', keyId: 'KEY1234567', privateKeyValue: SecretValue.secretsManager('apple') },
    oidcProviders: [{ name: 'Okta', clientId: 'okta-id', clientSecretValue: SecretValue.secretsManager('okta'), issuerUrl: 'https://example.okta.com' }],
    samlProviders: [{ name: 'Corp', metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.example.com/metadata.xml') }],
  });
  auth.addGroup('hr', { description: 'Human resources' });
  auth.addServerClient('Backend');
  auth.addMachineClient('Batch', { identifier: 'https://api.example.com', scopes: [{ name: 'jobs.run', description: 'Run jobs' }] });
  return auth;
}

describe('CognitoUserPoolAuth with the built-in CloudFormation validation', () => {
  test('a fully configured stack passes the CloudFormation schema check', () => {
    // GIVEN
    const app = validatingApp();
    const stack = new Stack(app, 'Validated');
    fullyConfigured(stack);
    // WHEN
    const assembly = app.synth();
    // THEN
    const resources = assembly.getStackByName('Validated').template.Resources as { [id: string]: { Type: string } };
    const types = Object.values(resources).map((r) => r.Type);
    expect(types.filter((t) => t === 'AWS::Cognito::UserPoolIdentityProvider')).toHaveLength(6);
    expect(types.filter((t) => t === 'AWS::Cognito::UserPoolClient')).toHaveLength(3);
    expect(types).toContain('AWS::Cognito::UserPoolDomain');
    expect(types).toContain('AWS::Cognito::UserPoolResourceServer');
  });

  test('the check is live: a schema-invalid property fails the synth', () => {
    // GIVEN
    const app = validatingApp();
    const stack = new Stack(app, 'Broken');
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    // WHEN an escape hatch writes a value the schema forbids
    (auth.userPool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('MfaConfiguration', 'SOMETIMES');
    // THEN
    expect(() => app.synth()).toThrow(/MfaConfiguration/);
  });
});
