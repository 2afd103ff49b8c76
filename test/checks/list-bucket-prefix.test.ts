import { Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { cognitoPrincipal, judge, pinned, violators } from './nag';
import { CognitoAccessRule } from '../../src/checks';
import { LIST_BUCKET_PREFIX_RULE } from '../../src/checks/list-bucket-prefix';
import { newTestStack } from '../helpers/app';

const RULE = CognitoAccessRule.LIST_BUCKET_PREFIX;
const SUB = '${cognito-identity.amazonaws.com:sub}';

/** An authenticated role whose users own `private/<identity id>/*` of a bucket. */
function perUserRole(stack: Stack): { role: iam.Role; bucket: s3.Bucket } {
  const bucket = new s3.Bucket(stack, 'Bucket');
  const role = new iam.Role(stack, 'AuthRole', { assumedBy: cognitoPrincipal(pinned('us-east-1:pool')) });
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['s3:GetObject', 's3:PutObject'],
    resources: [bucket.arnForObjects(`private/${SUB}/*`)],
  }));
  return { role, bucket };
}

describe('CognitoAccess-ListBucketPrefix', () => {
  test('ListBucket scoped by s3:prefix to the identity is compliant', () => {
    // GIVEN
    const stack = newTestStack();
    const { role, bucket } = perUserRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`private/${SUB}/*`] } },
    }));
    // THEN
    expect(judge(LIST_BUCKET_PREFIX_RULE, role.node.findChild('DefaultPolicy'))).toBe(NagRuleCompliance.COMPLIANT);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('ListBucket on the bucket without s3:prefix is reported', () => {
    // GIVEN
    const stack = newTestStack();
    const { role, bucket } = perUserRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/AuthRole/DefaultPolicy/Resource']);
  });

  test.each([
    ['s3:* on every resource', ['s3:*'], '*'],
    ['s3:List* on a literal bucket ARN', ['s3:List*'], 'arn:aws:s3:::shared-bucket'],
    ['* on every bucket', ['*'], 'arn:aws:s3:::*'],
  ])('ListBucket granted by %s is reported', (_name, actions, resource) => {
    // GIVEN
    const stack = newTestStack();
    const { role } = perUserRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ actions, resources: [resource] }));
    // THEN
    expect(judge(LIST_BUCKET_PREFIX_RULE, role.node.findChild('DefaultPolicy'))).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('bucket.grantReadWrite with an identity key pattern lists the whole bucket and is reported', () => {
    // GIVEN
    const stack = newTestStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    const role = new iam.Role(stack, 'AuthRole', { assumedBy: cognitoPrincipal(pinned('us-east-1:pool')) });
    // WHEN
    bucket.grantReadWrite(role, `private/${SUB}/*`);
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/AuthRole/DefaultPolicy/Resource']);
  });

  test.each([
    ['NotAction', new iam.PolicyStatement({ notActions: ['s3:DeleteObject'], resources: ['arn:aws:s3:::b'] })],
    ['NotResource', new iam.PolicyStatement({ actions: ['s3:ListBucket'], notResources: ['arn:aws:s3:::secret'] })],
  ])('Allow with %s grants ListBucket on the bucket and is reported', (_name, statement) => {
    // GIVEN
    const stack = newTestStack();
    const { role } = perUserRole(stack);
    // WHEN
    role.addToPolicy(statement);
    // THEN
    expect(judge(LIST_BUCKET_PREFIX_RULE, role.node.findChild('DefaultPolicy'))).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('NotAction that excludes ListBucket does not grant it', () => {
    // GIVEN
    const stack = newTestStack();
    const { role } = perUserRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ notActions: ['s3:List*', 's3:Delete*'], resources: ['arn:aws:s3:::b'] }));
    // THEN
    expect(judge(LIST_BUCKET_PREFIX_RULE, role.node.findChild('DefaultPolicy'))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('an s3:prefix condition of a bare * does not scope anything', () => {
    // GIVEN
    const stack = newTestStack();
    const { role, bucket } = perUserRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': '*' } },
    }));
    // THEN
    expect(judge(LIST_BUCKET_PREFIX_RULE, role.node.findChild('DefaultPolicy'))).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('ListBucket on object ARNs only lists nothing and is compliant', () => {
    // GIVEN
    const stack = newTestStack();
    const { role, bucket } = perUserRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [bucket.arnForObjects('public/*')] }));
    // THEN
    expect(judge(LIST_BUCKET_PREFIX_RULE, role.node.findChild('DefaultPolicy'))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('an inline policy of an L1 role and a managed policy are checked too', () => {
    // GIVEN
    const stack = newTestStack();
    const document = {
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/users/${SUB}/*` },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
      ],
    };
    // WHEN
    new iam.CfnRole(stack, 'Raw', { assumeRolePolicyDocument: { Statement: [] }, policies: [{ policyName: 'p', policyDocument: document }] });
    new iam.CfnManagedPolicy(stack, 'Managed', { policyDocument: document });
    // THEN
    expect(violators(stack, RULE).sort()).toEqual(['TestStack/Managed', 'TestStack/Raw']);
  });

  test('a policy that does not use the identity id is not applicable', () => {
    // GIVEN
    const stack = newTestStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    // WHEN
    bucket.grantRead(role);
    // THEN
    expect(judge(LIST_BUCKET_PREFIX_RULE, role.node.findChild('DefaultPolicy'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('a condition block that is an intrinsic is skipped', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new iam.CfnManagedPolicy(stack, 'Managed', {
      policyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/users/${SUB}/*` },
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: Fn.conditionIf('Scoped', { StringLike: { 's3:prefix': 'users/*' } }, {}) },
        ],
      },
    });
    // THEN
    expect(violators(stack, RULE)).toEqual([]);
  });
});
