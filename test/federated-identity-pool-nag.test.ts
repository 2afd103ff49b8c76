import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CognitoUserPoolAuth, FederatedIdentityPool, IdentityProvider, MappingMatchType, PolicyVariables } from '../src';
import { newTestStack } from './helpers/app';

function violationsUnder(path: string, stack: ReturnType<typeof newTestStack>): string[] {
  const result = new AwsSolutionsChecks().validateScope(stack);
  return result.violations.flatMap((v: any) => v.violatingResources
    .filter((r: any) => r.constructPath.startsWith(path))
    .map((r: any) => `${v.ruleName} at ${r.constructPath}`));
}

describe('cdk-nag AwsSolutions', () => {
  test('every feature on: no finding on the identity pool construct', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance', precedence: 1 }, { name: 'sales', precedence: 2 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', {
      userPoolAuth: auth,
      allowGuests: true,
      groupRoles: ['finance'],
      principalTags: { department: 'custom:department' },
      google: 'client',
      clientConfig: { ssmParameterName: '/app/config' },
    });
    // WHEN
    pool.addGroupRole('sales');
    pool.addRoleMapping({
      provider: IdentityProvider.google(),
      rules: [{ claim: 'hd', value: 'example.com', matchType: MappingMatchType.EQUALS, role: pool.addRole('Partners') }],
    });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    pool.grantPerIdentityObjectAccess(s3.Bucket.fromBucketAttributes(stack, 'Data', { bucketName: 'data', encryptionKey: key }));
    pool.grantPerIdentityObjectAccess(s3.Bucket.fromBucketName(stack, 'Photos', 'photos'), { prefix: 'users/', readOnly: true });
    pool.grantPerIdentityObjectAccess(new s3.Bucket(stack, 'Own', { enforceSSL: true }), { prefix: '' });
    pool.grantPerIdentityDynamoDbItems(dynamodb.Table.fromTableName(stack, 'Items', 'items'));
    pool.addToAuthenticatedPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [`arn:aws:s3:::departments/${PolicyVariables.principalTag('department')}/report.pdf`],
    }));
    pool.addToGroupPolicy('finance', new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::departments/finance/report.pdf'] }));
    // THEN
    expect(violationsUnder('TestStack/Pool', stack)).toEqual([]);
  });

  test('the acknowledgements are narrow: a wildcard granted to all authenticated identities is still reported', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    // WHEN
    pool.grantPerIdentityObjectAccess(s3.Bucket.fromBucketName(stack, 'Data', 'data'));
    pool.addToAuthenticatedPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::data/*'] }));
    // THEN
    expect(violationsUnder('TestStack/Pool', stack)).toEqual([
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::data/*] at TestStack/Pool/AuthenticatedBaseline/Resource',
    ]);
  });

  test('guests without the construct acknowledgement would be reported (COG7)', () => {
    // GIVEN a raw identity pool with guests, for contrast
    const stack = newTestStack();
    new FederatedIdentityPool(stack, 'Pool', { allowGuests: true });
    const raw = newTestStack('Raw');
    new cognito.CfnIdentityPool(raw, 'Raw', { allowUnauthenticatedIdentities: true });
    // THEN
    expect(violationsUnder('TestStack/Pool', stack)).toEqual([]);
    expect(violationsUnder('Raw/Raw', raw)).toEqual(['AwsSolutions-COG7 at Raw/Raw']);
  });
});
