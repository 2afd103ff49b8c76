import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CognitoUserPoolAuth, FederatedIdentityPool, IdentityProvider, MappingMatchType, PolicyVariables } from '../src';

// aws-cdk-lib's built-in CloudFormation schema validation is ON here (~3 s and ~300 MB per synth),
// in construct-library strict mode: every finding, warnings included, fails the synth.
function validatingApp(): App {
  return new App({
    builtinCloudFormationValidation: true,
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:strictCfnValidateErrors': true },
  });
}

describe('FederatedIdentityPool against the CloudFormation schema', () => {
  test('every feature on passes the schema check', () => {
    // GIVEN
    const app = validatingApp();
    const stack = new Stack(app, 'Identity', { env: { account: '123456789012', region: 'us-east-1' } });
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance', precedence: 1 }, { name: 'sales', precedence: 2 }] });
    const oidc = iam.OidcProviderNative.fromOidcProviderArn(stack, 'Oidc', 'arn:aws:iam::123456789012:oidc-provider/login.example.com');
    const saml = iam.SamlProvider.fromSamlProviderArn(stack, 'Saml', 'arn:aws:iam::123456789012:saml-provider/corp');
    const other = new cognito.UserPool(stack, 'Other');
    // WHEN
    const pool = new FederatedIdentityPool(stack, 'Pool', {
      userPoolAuth: auth,
      userPools: [{ userPool: other, userPoolClient: other.addClient('Client') }],
      google: 'google-client',
      apple: 'com.example.web',
      openIdConnectProviders: [oidc],
      samlProviders: [saml],
      developerProviderName: 'login.example.dev',
      allowGuests: true,
      groupRoles: ['finance'],
      principalTags: { department: 'custom:department' },
      clientConfig: { outputName: 'ClientConfig', ssmParameterName: '/app/client-config' },
    });
    pool.addGroupRole('sales');
    pool.addRoleMapping({
      provider: IdentityProvider.google(),
      rules: [{ claim: 'hd', value: 'example.com', matchType: MappingMatchType.EQUALS, role: pool.addRole('Partners') }],
    });
    pool.addRoleMapping({ provider: IdentityProvider.saml(saml) });
    pool.addPrincipalTag('domain', 'hd', IdentityProvider.google());
    pool.grantPerIdentityObjectAccess(new s3.Bucket(stack, 'Data', { enforceSSL: true }));
    pool.grantPerIdentityDynamoDbItems(new dynamodb.Table(stack, 'Items', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }));
    pool.addToAuthenticatedPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [`arn:aws:s3:::departments/${PolicyVariables.principalTag('department')}/report.pdf`],
    }));
    pool.addToGuestPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::public/index.html'] }));
    pool.addClientConfig('apiUrl', 'https://api.example.com/');
    // THEN
    const template = app.synth().getStackByName('Identity').template;
    const types = Object.values(template.Resources).map((r: any) => r.Type);
    expect(types.filter((t) => t === 'AWS::Cognito::IdentityPoolPrincipalTag')).toHaveLength(2);
    expect(types.filter((t) => t === 'AWS::IAM::ManagedPolicy')).toHaveLength(2);
    expect(types).toContain('AWS::Cognito::IdentityPoolRoleAttachment');
  });

  test('the check is live: a role attachment without its required pool id fails the synth', () => {
    // GIVEN
    const app = validatingApp();
    const stack = new Stack(app, 'Broken', { env: { account: '123456789012', region: 'us-east-1' } });
    const pool = new FederatedIdentityPool(stack, 'Pool');
    // WHEN an escape hatch removes a required property
    pool.roleAttachment.addPropertyDeletionOverride('IdentityPoolId');
    // THEN
    expect(() => app.synth()).toThrow(/IdentityPoolId/);
  });
});
