import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addReferenceStacks } from '../examples/app';

// The reference app with aws-cdk-lib's built-in CloudFormation validation ON: a real schema check
// of every resource the four constructs write, as `cdk synth` runs it for users.
describe('reference app (examples/app.ts)', () => {
  const app = new App({ builtinCloudFormationValidation: true });
  const [stack] = addReferenceStacks(app);

  test('synthesizes with the built-in CloudFormation validation on', () => {
    const assembly = app.synth();
    const artifact = assembly.getStackByName(stack.stackName);
    expect(Object.keys(artifact.template.Resources).length).toBeGreaterThan(30);
    // A failed schema check throws from synth(); warnings would be reported as messages.
    expect(artifact.messages.filter((m) => m.level === 'error')).toEqual([]);
  });

  test('is cdk-nag AwsSolutions clean', () => {
    const result = new AwsSolutionsChecks().validateScope(stack);
    expect(result.violations).toEqual([]);
  });

  test('wires the four constructs the way the seeds describe', () => {
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 3);
    template.resourceCountIs('AWS::Cognito::IdentityPool', 1);
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    // Prefix (ABAC) mode: one data bucket plus its access-log bucket, whatever the department count.
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', {
      PrincipalTags: { department: 'custom:department' },
    });
    // The Lambda is inline (no asset), so the Python app synthesizes the same template.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Code: { ZipFile: Match.stringLikeRegexp('cognitoIdentityId') },
    });
  });

  test('emits one client configuration document with every id a client needs', () => {
    const outputs = Template.fromStack(stack).toJSON().Outputs as Record<string, { Value: unknown }>;
    const config = Object.entries(outputs).find(([name]) => name.startsWith('IdentitiesClientConfig'));
    expect(config).toBeDefined();
    const text = JSON.stringify(config![1].Value);
    for (const key of ['region', 'identityPoolId', 'userPoolId', 'webClientId', 'apiUrl', 'bucketName']) {
      expect(text).toContain(`\\"${key}\\":`);
    }
  });
});
