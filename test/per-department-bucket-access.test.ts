import { CfnElement, Duration, Lazy, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import {
  CognitoAccessChecks, CognitoUserPoolAuth, DepartmentIsolation, DepartmentSpec, FederatedIdentityPool, PerDepartmentBucketAccess,
  PerDepartmentBucketAccessProps,
} from '../src';
import { newTestStack } from './helpers/app';
import { TemplateJson, TemplateResolver } from './helpers/template-resolver';
import { estimatePolicySize } from '../src/private/department-limits';

type Overrides = Partial<Omit<PerDepartmentBucketAccessProps, 'identityPool'>>;

/** A fresh stack with a user pool, an identity pool and the construct. */
function setup(overrides: Overrides = {}, stack: Stack = newTestStack()) {
  const auth = new CognitoUserPoolAuth(stack, 'Auth');
  const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
  const access = new PerDepartmentBucketAccess(stack, 'Access', {
    identityPool: pool,
    departments: [{ name: 'finance' }, { name: 'hr' }],
    ...overrides,
  });
  return { stack, auth, pool, access };
}

const PREFIX = DepartmentIsolation.PREFIX_PER_DEPARTMENT;

function id(stack: Stack, construct: { node: { defaultChild?: any } }): string {
  return stack.resolve((construct.node.defaultChild as CfnElement).logicalId);
}

function arn(stack: Stack, bucket: s3.IBucket) {
  return { 'Fn::GetAtt': [id(stack, bucket), 'Arn'] };
}

function objects(stack: Stack, bucket: s3.IBucket, pattern: string) {
  return { 'Fn::Join': ['', [arn(stack, bucket), `/${pattern}`]] };
}

function resourceCount(stack: Stack): number {
  return Object.keys(Template.fromStack(stack).toJSON().Resources).length;
}

const SUB = '${cognito-identity.amazonaws.com:sub}';
const TAG = '${aws:PrincipalTag/department}';
const BUCKET_TAG = '${aws:PrincipalTag/department-bucket}';
const BUCKET_TAG_GUARD = {
  Null: { 'aws:PrincipalTag/department-bucket': 'false' },
  StringLike: { 'aws:PrincipalTag/department-bucket': '?*' },
  StringNotLike: { 'aws:PrincipalTag/department-bucket': '*/*' },
};
const TAG_GUARD = {
  Null: { 'aws:PrincipalTag/department': 'false' },
  StringLike: { 'aws:PrincipalTag/department': '?*' },
  StringNotLike: { 'aws:PrincipalTag/department': '*/*' },
};

describe('bucket per department (default)', () => {
  test('each department gets a private, encrypted, versioned, logged, retained bucket tagged with its name', () => {
    // GIVEN / WHEN
    const { stack, access } = setup();
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 3); // finance, hr, access logs
    for (const name of ['finance', 'hr']) {
      template.hasResource('AWS::S3::Bucket', {
        Properties: {
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          VersioningConfiguration: { Status: 'Enabled' },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          LoggingConfiguration: { DestinationBucketName: { Ref: id(stack, access.accessLogsBucket) }, LogFilePrefix: `${name}/` },
          LifecycleConfiguration: {
            Rules: [{ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }],
          },
          Tags: [{ Key: 'department', Value: name }],
          BucketName: Match.absent(),
          CorsConfiguration: Match.absent(),
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    }
    expect(access.bucket).toBeUndefined();
    expect(access.bucketFor('finance')).not.toBe(access.bucketFor('hr'));
    // never auto-deleted: no custom resource provider anywhere
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  test('every data bucket denies requests without TLS', () => {
    // GIVEN / WHEN
    const { stack, access } = setup();
    // THEN
    const bucket = access.bucketFor('finance');
    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id(stack, bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Resource: [arn(stack, bucket), objects(stack, bucket, '*')],
        })]),
      },
    });
  });

  test('the access log bucket is private and accepts logs from this account with one statement, whatever the number of buckets', () => {
    // GIVEN / WHEN
    const { stack, access } = setup({ departments: ['a', 'b', 'c', 'd'].map((name) => ({ name })) });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.absent(),
      },
      DeletionPolicy: 'Retain',
    });
    const logPolicy = Object.values(template.findResources('AWS::S3::BucketPolicy', {
      Properties: { Bucket: { Ref: id(stack, access.accessLogsBucket) } },
    }));
    expect(logPolicy).toHaveLength(1);
    const statements = logPolicy[0].Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(2); // TLS only + log delivery, not one per bucket
    expect(statements).toContainEqual({
      Sid: 'S3ServerAccessLogsDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: objects(stack, access.accessLogsBucket, '*'),
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  });

  test('each department group gets its own role, tagged with its bucket; one policy reaches the tagged bucket only', () => {
    // GIVEN / WHEN
    const { stack, auth, pool, access } = setup();
    // THEN
    const template = Template.fromStack(stack);
    expect(auth.hasGroup('finance') && auth.hasGroup('hr')).toBe(true);
    for (const name of ['finance', 'hr']) {
      const role = access.roleFor(name);
      expect(role).toBe(pool.roleForGroup(name));
      expect(access.policyFor(name)).toBe(access.readWritePolicy);
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
        GroupName: name,
        RoleArn: { 'Fn::GetAtt': [id(stack, role), 'Arn'] },
      });
      template.hasResourceProperties('AWS::IAM::Role', {
        Tags: [{ Key: 'department-bucket', Value: { Ref: id(stack, access.bucketFor(name)) } }],
        ManagedPolicyArns: Match.arrayWith([{ Ref: id(stack, access.readWritePolicy!) }]),
      });
    }
    const bucketArn = `arn:\${Partition}:s3:::${BUCKET_TAG}`;
    const sub = (text: string) => ({ 'Fn::Join': ['', text.split('\${Partition}').flatMap((part, i) => (i === 0 ? [part] : [{ Ref: 'AWS::Partition' }, part]))] });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Sid: 'SharedRead', Effect: 'Allow', Action: 's3:GetObject', Resource: sub(`${bucketArn}/shared/*`), Condition: BUCKET_TAG_GUARD },
          { Sid: 'SharedWrite', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], Resource: sub(`${bucketArn}/shared/*`), Condition: BUCKET_TAG_GUARD },
          {
            Sid: 'OwnArea',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
            Resource: sub(`${bucketArn}/users/${SUB}/*`),
            Condition: BUCKET_TAG_GUARD,
          },
          {
            Sid: 'ListOwnAreas',
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: sub(bucketArn),
            Condition: {
              ...BUCKET_TAG_GUARD,
              StringLike: { 'aws:PrincipalTag/department-bucket': '?*', 's3:prefix': ['shared/', 'shared/*', `users/${SUB}/`, `users/${SUB}/*`] },
            },
          },
        ],
      },
    });
    // no policy per department
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1); // no read-only department: no read-only policy
  });

  test('the department policies do not grow with departments', () => {
    // GIVEN
    const few = setup({ departments: [{ name: 'a' }, { name: 'b', readOnly: true }] }).stack;
    const many = setup({ departments: 'abcdefghijkl'.split('').map((name, i) => ({ name, readOnly: i % 2 === 1 })) }).stack;
    // THEN
    const policies = (st: Stack) => JSON.stringify(Template.fromStack(st).findResources('AWS::IAM::ManagedPolicy'));
    expect(policies(many)).toBe(policies(few));
  });

  test('the department-bucket tag is reserved: no principal tag may override it, in either order', () => {
    // GIVEN: a tag mapped before the construct
    const before = newTestStack();
    const auth = new CognitoUserPoolAuth(before, 'Auth');
    const pool = new FederatedIdentityPool(before, 'Pool', { userPoolAuth: auth, principalTags: { 'Department-Bucket': 'custom:bucket' } });
    // WHEN / THEN
    expect(() => new PerDepartmentBucketAccess(before, 'Access', { identityPool: pool, departments: [{ name: 'finance' }] }))
      .toThrow(/role tag 'department-bucket' cannot decide access in TestStack\/Pool \(the department roles of TestStack\/Access reach their department's bucket of TestStack\/Access through it\): principal tag 'Department-Bucket' is mapped for provider '.*', and a session tag overrides a role tag of the same key; map that claim to another tag key/);
    // GIVEN: the construct first
    const { pool: after } = setup();
    // WHEN / THEN
    expect(() => after.addPrincipalTag('department-bucket', 'custom:bucket'))
      .toThrow(/principal tag 'department-bucket' cannot be mapped in TestStack\/Pool: roles of this pool carry the tag 'department-bucket' to decide access .* so claim 'custom:bucket' would choose the access; map the claim to another tag key/);
    expect(() => after.addPrincipalTag('department', 'custom:department')).not.toThrow();
  });

  test('a group role can serve one department bucket only', () => {
    // GIVEN: the finance group already serves a department of another construct
    const { stack, pool } = setup();
    // WHEN / THEN
    expect(() => new PerDepartmentBucketAccess(stack, 'Archive', { identityPool: pool, departments: [{ name: 'finance' }] }))
      .toThrow(/role TestStack\/Pool\/GroupRolefinance.* already carries the access tag 'department-bucket' for department 'finance' of TestStack\/Access; a role has one value per tag, so it cannot serve department 'finance' of TestStack\/Archive too\. Give department 'finance' a user-pool group of its own \(groupName\)/);
    expect(() => new PerDepartmentBucketAccess(stack, 'Archive2', { identityPool: pool, departments: [{ name: 'finance', groupName: 'finance-archive' }] })).not.toThrow();
  });

  test('a stack-wide tag cannot replace or remove the tag that selects the bucket', () => {
    // GIVEN
    const { stack, access } = setup();
    // WHEN
    Tags.of(stack).add('department-bucket', 'someone-elses-bucket');
    Tags.of(stack).remove('department-bucket', { includeResourceTypes: ['AWS::IAM::Role'] });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      Tags: [{ Key: 'department-bucket', Value: { Ref: id(stack, access.bucketFor('finance')) } }],
    });
  });

  test('a read-only department cannot write its shared area (its members keep their own area)', () => {
    // GIVEN / WHEN
    const { stack, access } = setup({ departments: [{ name: 'audit', readOnly: true }] });
    // THEN
    const statements = Template.fromStack(stack).toJSON().Resources[id(stack, access.policyFor('audit'))].Properties.PolicyDocument.Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['SharedRead', 'OwnArea', 'ListOwnAreas']);
  });

  test('an existing group is reused with its settings; groupName maps a department to another group', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'Finance-Team', precedence: 3 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    // WHEN
    const access = new PerDepartmentBucketAccess(stack, 'Access', {
      identityPool: pool,
      departments: [{ name: 'finance', groupName: 'Finance-Team' }],
    });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: 'Finance-Team',
      Precedence: 3,
      RoleArn: { 'Fn::GetAtt': [id(stack, access.roleFor('finance')), 'Arn'] },
    });
  });

  test('the precedence of a department applies to the group it creates', () => {
    // GIVEN / WHEN
    const { stack } = setup({ departments: [{ name: 'finance', precedence: 10 }, { name: 'hr' }] });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'finance', Precedence: 10 });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'hr', Precedence: Match.absent() });
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Pool', Match.stringLikeRegexp("group 'finance' has a role but no precedence"));
  });

  test('an existing group role is reused', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance' }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['finance'] });
    // WHEN
    const access = new PerDepartmentBucketAccess(stack, 'Access', { identityPool: pool, departments: [{ name: 'finance' }] });
    // THEN
    expect(access.roleFor('finance')).toBe(pool.roleForGroup('finance'));
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 2); // authenticated + finance
  });

  test('at most 4 resources per department', () => {
    // GIVEN
    const one = setup({ departments: [{ name: 'a' }] }).stack;
    const two = setup({ departments: [{ name: 'a' }, { name: 'b' }] }).stack;
    const eleven = setup({ departments: 'abcdefghijk'.split('').map((name) => ({ name })) }).stack;
    // THEN
    expect(resourceCount(two) - resourceCount(one)).toBe(4);
    expect(resourceCount(eleven) - resourceCount(one)).toBe(40);
    const types = Object.values(Template.fromStack(one).toJSON().Resources).map((r: any) => r.Type);
    const typesTwo = Object.values(Template.fromStack(two).toJSON().Resources).map((r: any) => r.Type);
    const added = [...typesTwo];
    for (const t of types) added.splice(added.indexOf(t), 1);
    expect(added.sort()).toEqual(['AWS::Cognito::UserPoolGroup', 'AWS::IAM::Role', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy']);
  });

  test('a department adds under 4 KB of template (as written to cdk.out)', () => {
    // GIVEN
    const bytes = (n: number) => JSON.stringify(Template.fromStack(setup({ departments: Array.from({ length: n }, (_, i) => ({ name: `dept-${i}` })) }).stack).toJSON(), undefined, 1).length;
    // THEN
    const perDepartment = (bytes(11) - bytes(1)) / 10;
    expect(perDepartment).toBeGreaterThan(2000);
    expect(perDepartment).toBeLessThanOrEqual(4096);
  });

  test('logical ids come from department names: removing or reordering departments keeps the other buckets', () => {
    // GIVEN
    const before = setup({ departments: [{ name: 'finance' }, { name: 'hr' }, { name: 'legal' }] });
    // WHEN
    const after = setup({ departments: [{ name: 'legal' }, { name: 'finance' }] });
    // THEN
    for (const name of ['finance', 'legal']) {
      expect(id(after.stack, after.access.bucketFor(name))).toBe(id(before.stack, before.access.bucketFor(name)));
      expect(id(after.stack, after.access.roleFor(name))).toBe(id(before.stack, before.access.roleFor(name)));
    }
    expect(id(after.stack, after.access.accessLogsBucket)).toBe(id(before.stack, before.access.accessLogsBucket));
    expect(id(before.stack, before.access.bucketFor('finance'))).toMatch(/^Accessfinance/);
  });

  test('bucket logical ids come from a prefix and the department name, never from the construct path', () => {
    // GIVEN
    const departments = [{ name: 'a-b' }, { name: 'ab' }];
    const plain = setup({ departments });
    const place = () => {
      const stack = newTestStack();
      const auth = new CognitoUserPoolAuth(stack, 'Auth');
      return { stack, pool: new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth }) };
    };
    // WHEN: the construct moves under another construct with its id, and under another id with the old one pinned
    const wrapped = place();
    const wrappedAccess = new PerDepartmentBucketAccess(new Construct(wrapped.stack, 'Backend'), 'Access', { identityPool: wrapped.pool, departments });
    const moved = place();
    const inner = new PerDepartmentBucketAccess(new Construct(moved.stack, 'Backend'), 'Storage', {
      identityPool: moved.pool, departments, bucketLogicalIdPrefix: 'Access',
    });
    // THEN
    const ids = (st: Stack, a: PerDepartmentBucketAccess) => [id(st, a.accessLogsBucket), ...departments.map((d) => id(st, a.bucketFor(d.name)))];
    expect(ids(plain.stack, plain.access)).toEqual(['AccessAccessLogs', expect.stringMatching(/^AccessabBucket[0-9A-F]{8}$/), expect.stringMatching(/^AccessabBucket[0-9A-F]{8}$/)]);
    const [, hyphenated, joined] = ids(plain.stack, plain.access);
    expect(hyphenated).not.toBe(joined);
    expect(ids(wrapped.stack, wrappedAccess)).toEqual(ids(plain.stack, plain.access));
    expect(ids(moved.stack, inner)).toEqual(ids(plain.stack, plain.access));
    expect(inner.bucketLogicalIdPrefix).toBe('Access');
    // the references follow the pinned ids
    Template.fromStack(moved.stack).hasResourceProperties('AWS::IAM::Role', { Tags: [{ Key: 'department-bucket', Value: { Ref: hyphenated } }] });
  });

  test('prefix mode: the data bucket is <prefix>Bucket', () => {
    // GIVEN / WHEN
    const { stack, access } = setup({ isolation: PREFIX, bucketLogicalIdPrefix: 'Departments' });
    // THEN
    expect(id(stack, access.bucket!)).toBe('DepartmentsBucket');
    expect(id(stack, access.accessLogsBucket)).toBe('DepartmentsAccessLogs');
  });

  test('bucketFor, roleFor and policyFor name the known departments when asked for another', () => {
    // GIVEN
    const { access } = setup();
    // THEN
    expect(() => access.bucketFor('legal')).toThrow(/no department named 'legal' in TestStack\/Access \(departments: finance, hr\); declare it/);
    expect(() => access.roleFor('legal')).toThrow(/no department named 'legal'/);
    expect(() => access.policyFor('legal')).toThrow(/no department named 'legal'/);
    expect(access.departmentNames).toEqual(['finance', 'hr']);
    expect(access.hasDepartment('hr')).toBe(true);
    expect(access.hasDepartment('legal')).toBe(false);
    expect(access.sharedPrefixFor('hr')).toBe('shared/');
  });

  test('an admin group reads every bucket through the bucket policies, so its own policy does not grow', () => {
    // GIVEN / WHEN
    const { stack, auth, access } = setup({ adminGroup: 'auditors' });
    // THEN
    const template = Template.fromStack(stack);
    expect(auth.hasGroup('auditors')).toBe(true);
    expect(access.adminRole).toBeDefined();
    for (const name of ['finance', 'hr']) {
      const bucket = access.bucketFor(name);
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id(stack, bucket) },
        PolicyDocument: {
          Statement: Match.arrayWith([{
            Sid: 'AdminReadAll',
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::GetAtt': [id(stack, access.adminRole!), 'Arn'] } },
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: [arn(stack, bucket), objects(stack, bucket, '*')],
          }]),
        },
      });
    }
    expect(access.adminPolicy).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('a KMS key encrypts the buckets with a bucket key; roles may use it through S3 only', () => {
    // GIVEN
    const stack = newTestStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    // WHEN
    const { access } = setup({ encryptionKey: key, adminGroup: 'auditors' }, stack);
    // THEN
    const template = Template.fromStack(stack);
    expect(access.encryptionKey).toBe(key);
    template.hasResourceProperties('AWS::S3::Bucket', {
      Tags: [{ Key: 'department', Value: 'finance' }],
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [id(stack, key), 'Arn'] } },
        }],
      },
    });
    // S3 delivers access logs to SSE-S3 buckets only
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.absent(),
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    const viaS3 = { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] } } };
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'UseBucketKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: { 'Fn::GetAtt': [id(stack, key), 'Arn'] }, Condition: viaS3,
        }]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: id(stack, access.adminRole!) }],
      PolicyDocument: {
        Statement: [{ Sid: 'AdminUseBucketKey', Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [id(stack, key), 'Arn'] }, Condition: viaS3 }],
      },
    });
  });

  test('CORS with explicit origins and browser-friendly defaults', () => {
    // GIVEN / WHEN
    const { stack } = setup({ cors: { allowedOrigins: ['https://app.example.com', 'http://localhost:3000'] } });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      Tags: [{ Key: 'department', Value: 'hr' }],
      CorsConfiguration: {
        CorsRules: [{
          AllowedOrigins: ['https://app.example.com', 'http://localhost:3000'],
          AllowedMethods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
          AllowedHeaders: ['*'],
          ExposedHeaders: ['ETag'],
          MaxAge: 3600,
        }],
      },
    });
  });

  test('CORS options override the defaults', () => {
    // GIVEN / WHEN
    const { stack } = setup({
      cors: { allowedOrigins: ['https://app.example.com'], allowedMethods: [s3.HttpMethods.GET], allowedHeaders: ['authorization'], exposedHeaders: [], maxAge: Duration.minutes(5) },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [{ AllowedOrigins: ['https://app.example.com'], AllowedMethods: ['GET'], AllowedHeaders: ['authorization'], MaxAge: 300 }] },
    });
  });

  test('noncurrent versions expire after the given days', () => {
    // GIVEN / WHEN
    const { stack } = setup({ noncurrentVersionExpiration: Duration.days(30) });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      Tags: [{ Key: 'department', Value: 'finance' }],
      LifecycleConfiguration: { Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } })] },
    });
  });

  test('removalPolicy DESTROY is honoured with a warning, and buckets are still never emptied automatically', () => {
    // GIVEN / WHEN
    const { stack } = setup({ removalPolicy: RemovalPolicy.DESTROY });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', { Properties: { Tags: [{ Key: 'department', Value: 'finance' }] }, DeletionPolicy: 'Delete' });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    Annotations.fromStack(stack).hasWarning('/TestStack/Access', Match.stringLikeRegexp('removalPolicy DESTROY'));
  });

  test('a given log bucket receives the logs and the one delivery statement; no log bucket is created', () => {
    // GIVEN
    const stack = newTestStack();
    const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true });
    // WHEN
    const { access } = setup({ serverAccessLogsBucket: logs }, stack);
    // THEN
    const template = Template.fromStack(stack);
    expect(access.accessLogsBucket).toBe(logs);
    template.resourceCountIs('AWS::S3::Bucket', 3); // Logs, finance, hr
    template.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: { Ref: id(stack, logs) }, LogFilePrefix: 'hr/' } });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id(stack, logs) },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'S3ServerAccessLogsDelivery' })]) },
    });
  });

  test('snapshot with default props', () => {
    // GIVEN / WHEN
    const { stack } = setup();
    // THEN
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

describe('prefix per department, department from the group (role tags)', () => {
  const departments: DepartmentSpec[] = [{ name: 'finance' }, { name: 'hr' }, { name: 'legal', readOnly: true }];

  test('one bucket; each department group gets a role tagged with the department; no bucket per department', () => {
    // GIVEN / WHEN
    const { stack, access } = setup({ isolation: PREFIX, departments });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 2); // data + logs
    expect(access.bucket).toBeDefined();
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        LoggingConfiguration: { DestinationBucketName: { Ref: id(stack, access.accessLogsBucket) }, LogFilePrefix: 'departments/' },
        VersioningConfiguration: { Status: 'Enabled' },
        Tags: Match.absent(),
      },
      DeletionPolicy: 'Retain',
    });
    for (const spec of departments) {
      const role = access.roleFor(spec.name);
      const policy = spec.readOnly ? access.readOnlyPolicy! : access.readWritePolicy!;
      template.hasResourceProperties('AWS::IAM::Role', {
        Tags: [{ Key: 'department', Value: spec.name }],
        ManagedPolicyArns: [{ Ref: id(stack, policy) }],
      });
      expect(id(stack, role)).toBeDefined();
      expect(access.bucketFor(spec.name)).toBe(access.bucket);
    }
    expect(access.sharedPrefixFor('hr')).toBe('departments/hr/shared/');
    expect(access.policyFor('hr')).toBe(access.readWritePolicy);
    expect(access.policyFor('legal')).toBe(access.readOnlyPolicy);
  });

  test('one tag-templated statement set serves every department, guarded against a missing or crafted tag', () => {
    // GIVEN / WHEN
    const { stack, access } = setup({ isolation: PREFIX, departments });
    // THEN
    const bucket = access.bucket!;
    const shared = `departments/${TAG}/shared/`;
    const own = `departments/${TAG}/users/${SUB}/`;
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Sid: 'SharedRead', Effect: 'Allow', Action: 's3:GetObject', Resource: objects(stack, bucket, `${shared}*`), Condition: TAG_GUARD },
          { Sid: 'SharedWrite', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], Resource: objects(stack, bucket, `${shared}*`), Condition: TAG_GUARD },
          { Sid: 'OwnArea', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], Resource: objects(stack, bucket, `${own}*`), Condition: TAG_GUARD },
          {
            Sid: 'ListOwnAreas',
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: arn(stack, bucket),
            Condition: { ...TAG_GUARD, StringLike: { 'aws:PrincipalTag/department': '?*', 's3:prefix': [shared, `${shared}*`, own, `${own}*`] } },
          },
        ],
      },
    });
    // the read-only policy is the same without SharedWrite
    const readOnly = Template.fromStack(stack).toJSON().Resources[id(stack, access.readOnlyPolicy!)].Properties.PolicyDocument.Statement;
    expect(readOnly.map((s: any) => s.Sid)).toEqual(['SharedRead', 'OwnArea', 'ListOwnAreas']);
  });

  test('each department costs 2 resources (group and role), the policies do not grow', () => {
    // GIVEN
    const few = setup({ isolation: PREFIX, departments: [{ name: 'a' }, { name: 'b' }] }).stack;
    const many = setup({ isolation: PREFIX, departments: 'abcdefghijkl'.split('').map((name) => ({ name })) }).stack;
    // THEN
    expect(resourceCount(many) - resourceCount(few)).toBe(20);
    const policies = (s: Stack) => JSON.stringify(Template.fromStack(s).findResources('AWS::IAM::ManagedPolicy'));
    expect(policies(many)).toBe(policies(few));
  });

  test('an admin group reads and lists every department, and writes nothing', () => {
    // GIVEN / WHEN
    const { stack, access } = setup({ isolation: PREFIX, departments, adminGroup: 'auditors' });
    // THEN
    const bucket = access.bucket!;
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: id(stack, access.adminRole!) }],
      PolicyDocument: {
        Statement: [
          { Sid: 'AdminReadAllDepartments', Effect: 'Allow', Action: 's3:GetObject', Resource: objects(stack, bucket, 'departments/*') },
          {
            Sid: 'AdminListAllDepartments',
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: arn(stack, bucket),
            Condition: { StringLike: { 's3:prefix': ['departments/', 'departments/*'] } },
          },
        ],
      },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { Tags: Match.absent(), Description: Match.stringLikeRegexp('Administrators') });
  });

  test('snapshot', () => {
    // GIVEN / WHEN
    const { stack } = setup({ isolation: PREFIX, departments });
    // THEN
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

describe('prefix per department, department from a user attribute', () => {
  const attribute = 'custom:department';

  test('the attribute becomes the department session tag and the statements join the authenticated baseline', () => {
    // GIVEN / WHEN
    const { stack, pool, access } = setup({ isolation: PREFIX, departmentAttribute: attribute, departments: [] });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', { PrincipalTags: { department: attribute } });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: Match.arrayWith([{ Ref: id(stack, pool.authenticatedRole) }]),
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: objects(stack, access.bucket!, `departments/${TAG}/shared/*`),
          Condition: TAG_GUARD,
        }]),
      },
    });
    // session tags need sts:TagSession in the trust
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] })] },
    });
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 0);
    expect(() => access.roleFor('finance')).toThrow(/no department named 'finance'/);
    expect(access.sharedPrefixFor('anything')).toBe('departments/anything/shared/');
    expect(() => access.sharedPrefixFor('Not Valid')).toThrow(/department name must match/);
  });

  test('read-only departments are listed as exceptions to the shared-area write statement', () => {
    // GIVEN / WHEN
    const { stack, access } = setup({
      isolation: PREFIX, departmentAttribute: attribute, departments: [{ name: 'finance' }, { name: 'legal', readOnly: true }, { name: 'audit', readOnly: true }],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          Resource: objects(stack, access.bucket!, `departments/${TAG}/shared/*`),
          Condition: { ...TAG_GUARD, StringNotEquals: { 'aws:PrincipalTag/department': ['legal', 'audit'] } },
        }]),
      },
    });
    expect(() => access.roleFor('finance')).toThrow(/shares the identity pool's authenticated role|share the identity pool's authenticated role/);
  });

  test('the template does not grow with departments: none, 1 and 10,000 give the same resources and size', () => {
    // GIVEN
    const names = Array.from({ length: 10000 }, (_, i) => ({ name: `dept-${i}` }));
    const templates = [[], [{ name: 'finance' }], names].map((list) => Template.fromStack(
      setup({ isolation: PREFIX, departmentAttribute: attribute, departments: list }).stack).toJSON());
    // THEN
    const sizes = templates.map((t) => JSON.stringify(t).length);
    const counts = templates.map((t) => Object.keys(t.Resources).length);
    expect(new Set(sizes).size).toBe(1);
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThan(15);
  });

  test('warns when the user pool does not define the department attribute', () => {
    // GIVEN a pool whose only custom attribute is custom:team
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { customAttributes: { team: new cognito.StringAttribute({ mutable: false }) } });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    // WHEN
    new PerDepartmentBucketAccess(stack, 'Access', { identityPool: pool, isolation: PREFIX, departmentAttribute: 'custom:dept', departments: [] });
    // THEN the warning names the attribute, what the pool defines and the fix
    Annotations.fromStack(stack).hasWarning('/TestStack/Access',
      Match.stringLikeRegexp("departmentAttribute 'custom:dept' is not an attribute of the user pool of TestStack/Auth \\(its custom attributes: custom:team\\).*Add customAttributes: \\{ dept:"));
  });

  test('no undefined-attribute warning when the pool defines it', () => {
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { customAttributes: { department: new cognito.StringAttribute({ mutable: false }) } });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    new PerDepartmentBucketAccess(stack, 'Access', { identityPool: pool, isolation: PREFIX, departmentAttribute: attribute, departments: [] });
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Access', Match.stringLikeRegexp('is not an attribute of the user pool'));
  });

  test('warns when an app client lets users write the department attribute', () => {
    // GIVEN a web client whose writeAttributes are unset (every attribute writable)
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    (auth.webClient.node.defaultChild as any).writeAttributes = undefined;
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    // WHEN
    new PerDepartmentBucketAccess(stack, 'Access', { identityPool: pool, isolation: PREFIX, departmentAttribute: attribute, departments: [] });
    // THEN
    Annotations.fromStack(stack).hasWarning('/TestStack/Access', Match.stringLikeRegexp("lets users write 'custom:department'.*set the client's writeAttributes"));
  });

  test('no warning when the app clients cannot write the attribute (the web client default)', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    // WHEN
    new PerDepartmentBucketAccess(stack, 'Access', { identityPool: pool, isolation: PREFIX, departmentAttribute: attribute, departments: [] });
    // THEN
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Access', Match.stringLikeRegexp('lets users write'));
  });

  test('works on an identity pool over a user pool that is not a CognitoUserPoolAuth', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPools: [{ userPool: auth.userPool, userPoolClient: auth.webClient }] });
    // WHEN
    const access = new PerDepartmentBucketAccess(stack, 'Access', { identityPool: pool, isolation: PREFIX, departmentAttribute: attribute, departments: [] });
    // THEN
    expect(access.bucket).toBeDefined();
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', { PrincipalTags: { department: attribute } });
  });

  test('snapshot', () => {
    // GIVEN / WHEN
    const { stack } = setup({ isolation: PREFIX, departmentAttribute: attribute, departments: [] });
    // THEN
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

describe('scale guards', () => {
  test('bucket mode: 123 departments fit next to a user pool and an identity pool, under the 500-resource limit, with a warning', () => {
    // GIVEN / WHEN
    const { stack } = setup({ departments: Array.from({ length: 123 }, (_, i) => ({ name: `d${i}` })) });
    // THEN
    expect(resourceCount(stack)).toBe(500);
    Annotations.fromStack(stack).hasWarning('/TestStack/Access', Match.stringLikeRegexp('reaches 500 of CloudFormation\'s 500 resources'));
  });

  test('bucket mode: 124 departments fail in the constructor, naming how many fit and the ways out', () => {
    // GIVEN / WHEN / THEN
    expect(() => setup({ departments: Array.from({ length: 124 }, (_, i) => ({ name: `d${i}` })) }))
      .toThrow(/124 departments need 499 resources \(4 per department \+ 3 shared\) but stack 'TestStack' already has 5 of CloudFormation's 500; at most 123 departments fit\. Use DepartmentIsolation.PREFIX_PER_DEPARTMENT .* or split the departments over several stacks/);
  });

  test('the budget is exact with an admin group and read-only departments: 122 departments fit (499 resources), 123 do not', () => {
    // GIVEN: the admin group and role take 2 of the budget (bucket mode grants it through bucket
    // policies), the read-only policy 1
    const departments = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `d${i}`, readOnly: i === 0 }));
    // WHEN / THEN
    expect(resourceCount(setup({ adminGroup: 'auditors', departments: departments(122) }).stack)).toBe(499);
    expect(() => setup({ adminGroup: 'auditors', departments: departments(123) })).toThrow(/\(4 per department \+ 6 shared\).*at most 122 departments fit/);
  });

  test('the budget counts what the stack already holds', () => {
    // GIVEN
    const stack = newTestStack();
    for (let i = 0; i < 100; i++) new sqs.Queue(stack, `Queue${i}`, { enforceSSL: false });
    // WHEN / THEN: 500 - 105 - 3 = 392 => 98 departments
    expect(() => setup({ departments: Array.from({ length: 100 }, (_, i) => ({ name: `d${i}` })) }, stack))
      .toThrow(/already has 105 of CloudFormation's 500; at most 98 departments fit/);
  });

  test('prefix mode with group roles: 2 resources per department', () => {
    // GIVEN / WHEN / THEN
    expect(() => setup({ isolation: PREFIX, departments: Array.from({ length: 250 }, (_, i) => ({ name: `d${i}` })) }))
      .toThrow(/\(2 per department \+ 5 shared\).*at most 245 departments fit\. Use departmentAttribute/);
  });

  test('attribute mode needs room for its constant resources only', () => {
    // GIVEN: stacks with 494 and 495 resources (auth and pool: 5)
    const withQueues = (n: number) => {
      const stack = newTestStack();
      for (let i = 0; i < n; i++) new sqs.Queue(stack, `Queue${i}`, { enforceSSL: false });
      return stack;
    };
    // WHEN / THEN: bucket, logs, their policies, the principal-tag mapping and the baseline: 6
    const fits = setup({ isolation: PREFIX, departmentAttribute: 'custom:department', departments: [] }, withQueues(489)).stack;
    expect(resourceCount(fits)).toBe(500);
    expect(() => setup({ isolation: PREFIX, departmentAttribute: 'custom:department', departments: [] }, withQueues(490)))
      .toThrow(/the department bucket needs 6 resources but stack 'TestStack' already has 495 of CloudFormation's 500; define it in a stack with room/);
  });

  test('attribute mode: a read-only list that would pass IAM\'s managed policy limit fails, naming how many fit', () => {
    // GIVEN: 300 read-only departments listed in the baseline write statement
    const departments = Array.from({ length: 300 }, (_, i) => ({ name: `read-only-department-${String(i).padStart(3, '0')}`, readOnly: true }));
    // WHEN / THEN
    expect(() => setup({ isolation: PREFIX, departmentAttribute: 'custom:department', departments }))
      .toThrow(/would be about \d+ characters with 300 read-only departments listed, over IAM's 6144-character managed policy limit; about 1\d\d read-only departments of these names fit\. Mark fewer departments readOnly, or derive the department from groups/);
  });

  test('attribute mode: the read-only departments that fit are accepted', () => {
    // GIVEN: 100 names of 26 characters, about 2,900 characters of list
    const departments = Array.from({ length: 100 }, (_, i) => ({ name: `read-only-department-${String(i).padStart(3, '0')}`, readOnly: true }));
    // WHEN / THEN
    expect(() => Template.fromStack(setup({ isolation: PREFIX, departmentAttribute: 'custom:department', departments }).stack)).not.toThrow();
  });

  test('the size estimate bounds the deployed policy from above, without doubling it', () => {
    // GIVEN
    const { stack, access } = setup({ departments: [{ name: 'finance' }] });
    const template = Template.fromStack(stack).toJSON() as TemplateJson;
    // WHEN: the deployed size, with intrinsics resolved to realistic values
    const deployed = JSON.stringify(new TemplateResolver(template).resolve(template.Resources[id(stack, access.policyFor('finance'))].Properties.PolicyDocument)).length;
    const estimate = estimatePolicySize(stack, access.policyFor('finance').document);
    // THEN
    expect(estimate).toBeGreaterThanOrEqual(deployed);
    expect(estimate).toBeLessThan(deployed * 2);
  });

  test('statements added to a department bucket policy count against S3\'s 20 KB', () => {
    // GIVEN
    const { stack, access } = setup({ departments: [{ name: 'finance' }] });
    for (let i = 0; i < 150; i++) {
      access.bucketFor('finance').addToResourcePolicy(new iam.PolicyStatement({
        sid: `Extra${i}`, actions: ['s3:GetObject'], principals: [new iam.AccountPrincipal('111111111111')], resources: [access.bucketFor('finance').arnForObjects(`extra-${i}/*`)],
      }));
    }
    // WHEN / THEN
    expect(() => Template.fromStack(stack)).toThrow(/the bucket policy of department 'finance' is about \d+ characters, over the 20480 limit/);
  });
});

describe('bad input', () => {
  test.each([
    ['Finance', 'finance'],
    ['fin ance', 'fin-ance'],
    ['-finance', 'finance'],
    ['finance-', 'finance'],
    ['a'.repeat(41), 'a'.repeat(40)],
    ['', 'department'],
  ])('department name %p is rejected with the rule and a fix', (name, fix) => {
    expect(() => setup({ departments: [{ name }] }))
      .toThrow(`department name must match ^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$ (1-40 lowercase letters, digits and inner hyphens, usable as a key prefix, tag value and bucket-name part), got '${name}'; use '${fix}'`);
  });

  test('40-character and 1-character names are accepted', () => {
    expect(() => setup({ departments: [{ name: 'a'.repeat(40) }, { name: 'b' }, { name: 'a-1' }] })).not.toThrow();
  });

  test('a token department name is refused where it names constructs, and skipped in attribute mode', () => {
    const token = Lazy.string({ produce: () => 'finance' });
    expect(() => setup({ departments: [{ name: token }] })).toThrow(/department name must be a literal string when each department gets its own bucket or role.*got the token/);
    expect(() => setup({ isolation: PREFIX, departmentAttribute: 'custom:department', departments: [{ name: token, readOnly: true }] })).not.toThrow();
  });

  test('duplicate departments', () => {
    expect(() => setup({ departments: [{ name: 'finance' }, { name: 'finance' }] })).toThrow(/department 'finance' is declared twice; department names must be unique/);
  });

  test('two departments on one group', () => {
    expect(() => setup({ departments: [{ name: 'finance' }, { name: 'accounting', groupName: 'finance' }] }))
      .toThrow(/group 'finance' is declared twice; each department needs a group \(and so a role\) of its own/);
  });

  test('a group name Cognito refuses; token group names are skipped', () => {
    expect(() => setup({ departments: [{ name: 'finance', groupName: 'Finance Team' }] }))
      .toThrow(/groupName of department 'finance' must match .* got 'Finance Team'; use a name without spaces such as 'Finance-Team'/);
    expect(() => setup({ isolation: PREFIX, departmentAttribute: 'custom:department', departments: [], adminGroup: Lazy.string({ produce: () => 'x' }) }))
      .not.toThrow(/must match/);
  });

  test('a precedence that cannot be applied', () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance' }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    // WHEN / THEN
    expect(() => new PerDepartmentBucketAccess(stack, 'Access', { identityPool: pool, departments: [{ name: 'finance', precedence: 1 }] }))
      .toThrow(/department 'finance' sets precedence 1, but its group 'finance' already exists; set the precedence where the group is created/);
    expect(() => setup({ isolation: PREFIX, departmentAttribute: 'custom:department', departments: [{ name: 'hr', precedence: 1 }] }))
      .toThrow(/department 'hr' sets precedence 1, but with departmentAttribute no group is created/);
  });

  test('a KMS-encrypted log bucket is flagged: S3 cannot deliver access logs to it', () => {
    // GIVEN
    const stack = newTestStack();
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
    // WHEN
    setup({ serverAccessLogsBucket: logs }, stack);
    // THEN
    Annotations.fromStack(stack).hasWarning('/TestStack/Access', Match.stringLikeRegexp('delivers server access logs only to buckets with SSE-S3'));
  });

  test('the admin group cannot be a department group', () => {
    expect(() => setup({ adminGroup: 'hr' })).toThrow(/adminGroup 'hr' is also a department's group/);
  });

  test('departmentAttribute in bucket mode', () => {
    expect(() => setup({ departmentAttribute: 'custom:department' }))
      .toThrow(/departmentAttribute \('custom:department'\) only applies to DepartmentIsolation.PREFIX_PER_DEPARTMENT, got BUCKET_PER_DEPARTMENT/);
  });

  test('an empty departmentAttribute', () => {
    expect(() => setup({ isolation: PREFIX, departmentAttribute: ' ', departments: [] })).toThrow(/departmentAttribute must name a token claim/);
  });

  test('groupName with departmentAttribute', () => {
    expect(() => setup({ isolation: PREFIX, departmentAttribute: 'custom:department', departments: [{ name: 'finance', groupName: 'fin' }] }))
      .toThrow(/department 'finance' sets groupName 'fin', but with departmentAttribute the department comes from the 'custom:department' claim/);
  });

  test('no departments where groups carry them', () => {
    expect(() => setup({ departments: [] })).toThrow(/departments must list at least one department with BUCKET_PER_DEPARTMENT, got \[\]/);
    expect(() => setup({ isolation: PREFIX, departments: [] })).toThrow(/with PREFIX_PER_DEPARTMENT without departmentAttribute, got \[\]/);
  });

  test('group-based departments on a pool without userPoolAuth', () => {
    const stack = newTestStack();
    const pool = new FederatedIdentityPool(stack, 'Pool');
    expect(() => new PerDepartmentBucketAccess(stack, 'Access', { identityPool: pool, departments: [{ name: 'finance' }] }))
      .toThrow(/departments map to user-pool groups, but identity pool TestStack\/Pool has no userPoolAuth/);
    expect(() => new PerDepartmentBucketAccess(stack, 'Access2', {
      identityPool: pool, isolation: PREFIX, departmentAttribute: 'custom:department', departments: [], adminGroup: 'auditors',
    })).toThrow(/adminGroup 'auditors' is a user-pool group, but identity pool TestStack\/Pool has no userPoolAuth/);
  });

  test.each(['*', 'https://*.example.com', 'https://app.example.com/path', 'app.example.com'])('CORS origin %p', (origin) => {
    expect(() => setup({ cors: { allowedOrigins: [origin] } }))
      .toThrow(`cors.allowedOrigins must hold explicit origins (scheme://host[:port], no wildcard, no path), got '${origin}'`);
  });

  test('CORS without origins; token origins are skipped', () => {
    expect(() => setup({ cors: { allowedOrigins: [] } })).toThrow(/cors.allowedOrigins must name at least one origin, got \[\]/);
    expect(() => setup({ cors: { allowedOrigins: [Lazy.string({ produce: () => '*' })] } })).not.toThrow();
  });

  test.each([Duration.hours(36), Duration.hours(12), Duration.days(0)])('noncurrentVersionExpiration %p', (duration) => {
    expect(() => setup({ noncurrentVersionExpiration: duration }))
      .toThrow(/noncurrentVersionExpiration must be a whole number of days, at least 1 .* got .*; use e.g. Duration.days\(90\)/);
  });
});

describe('cdk-nag', () => {
  test.each([
    ['bucket per department', {}],
    ['bucket per department, KMS, admin, CORS', { adminGroup: 'auditors', cors: { allowedOrigins: ['https://app.example.com'] } }],
    ['prefix with group roles', { isolation: PREFIX, adminGroup: 'auditors', departments: [{ name: 'finance' }, { name: 'legal', readOnly: true }] }],
    ['prefix with attribute', { isolation: PREFIX, departmentAttribute: 'custom:department', adminGroup: 'auditors', departments: [] }],
  ] as Array<[string, Overrides]>)('AwsSolutions finds nothing: %s', (name, overrides) => {
    // GIVEN
    const stack = newTestStack();
    const key = name.includes('KMS') ? new kms.Key(stack, 'Key', { enableKeyRotation: true }) : undefined;
    setup({ ...overrides, encryptionKey: key }, stack);
    // WHEN
    const result = new AwsSolutionsChecks().validateScope(stack);
    // THEN
    expect(result.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`)).toEqual([]);
    expect(result.success).toBe(true);
  });

  test.each([
    ['bucket per department', { adminGroup: 'auditors' }],
    ['prefix with group roles', { isolation: PREFIX, adminGroup: 'auditors', departments: [{ name: 'finance' }, { name: 'legal', readOnly: true }] }],
    ['prefix with attribute', { isolation: PREFIX, departmentAttribute: 'custom:department', adminGroup: 'auditors', departments: [] }],
  ] as Array<[string, Overrides]>)('the library\'s own CognitoAccessChecks find nothing: %s', (_name, overrides) => {
    // GIVEN
    const { stack } = setup(overrides);
    // WHEN
    const result = new CognitoAccessChecks().validateScope(stack);
    // THEN
    expect(result.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`)).toEqual([]);
  });
});
