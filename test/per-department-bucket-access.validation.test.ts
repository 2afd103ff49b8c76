import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CognitoUserPoolAuth, DepartmentIsolation, FederatedIdentityPool, PerDepartmentBucketAccess, PerDepartmentBucketAccessProps } from '../src';

// aws-cdk-lib's built-in CloudFormation schema validation is ON here (~3 s and ~300 MB per synth),
// in construct-library strict mode: every finding, warnings included, fails the synth.
function validatingApp(): App {
  return new App({
    builtinCloudFormationValidation: true,
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:strictCfnValidateErrors': true },
  });
}

function stackWith(app: App, id: string, props: Omit<PerDepartmentBucketAccessProps, 'identityPool'>): PerDepartmentBucketAccess {
  const stack = new Stack(app, id);
  const auth = new CognitoUserPoolAuth(stack, 'Auth');
  const identityPool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
  return new PerDepartmentBucketAccess(stack, 'Access', { identityPool, ...props });
}

describe('CloudFormation schema check', () => {
  test('both strategies with every option pass', () => {
    // GIVEN
    const app = validatingApp();
    const bucketMode = stackWith(app, 'BucketMode', {
      departments: [{ name: 'finance', precedence: 1 }, { name: 'legal', readOnly: true }],
      adminGroup: 'auditors',
      encryptionKey: new kms.Key(new Stack(app, 'Keys'), 'Key', { enableKeyRotation: true }),
      cors: { allowedOrigins: ['https://app.example.com'], allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.PUT] },
    });
    stackWith(app, 'PrefixGroups', {
      isolation: DepartmentIsolation.PREFIX_PER_DEPARTMENT,
      departments: [{ name: 'finance' }, { name: 'legal', readOnly: true }],
      adminGroup: 'auditors',
    });
    stackWith(app, 'PrefixAttribute', {
      isolation: DepartmentIsolation.PREFIX_PER_DEPARTMENT,
      departmentAttribute: 'custom:department',
      departments: [{ name: 'legal', readOnly: true }],
    });
    // WHEN
    const assembly = app.synth();
    // THEN
    const types = Object.values(assembly.getStackByName('BucketMode').template.Resources).map((r: any) => r.Type);
    expect(types.filter((t) => t === 'AWS::S3::Bucket')).toHaveLength(3);
    expect(bucketMode.bucketFor('legal')).toBeDefined();
    const prefixTypes = Object.values(assembly.getStackByName('PrefixAttribute').template.Resources).map((r: any) => r.Type);
    expect(prefixTypes).toContain('AWS::Cognito::IdentityPoolPrincipalTag');
  });

  test('the check is live: a schema-invalid bucket property fails the synth', () => {
    // GIVEN
    const app = validatingApp();
    const access = stackWith(app, 'Broken', { departments: [{ name: 'finance' }] });
    (access.bucketFor('finance').node.defaultChild as s3.CfnBucket).addPropertyOverride('LoggingConfiguration.LogFilePrefix', 42);
    // WHEN / THEN
    expect(() => app.synth()).toThrow(/LogFilePrefix|LoggingConfiguration/);
  });
});
