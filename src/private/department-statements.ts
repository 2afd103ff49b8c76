import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { PolicyVariables } from '../policy-variables';
import { cognitoIdentityIssuer } from './identity-pool-issuer';

/** The principal tag that carries the department in prefix mode. */
export const DEPARTMENT_TAG = 'department';

/**
 * The role tag that carries a department's bucket name in bucket mode: one managed policy reads
 * it to reach the bucket of whichever department role uses it.
 */
export const DEPARTMENT_BUCKET_TAG = 'department-bucket';

const READ_OBJECTS = ['s3:GetObject'];
// AbortMultipartUpload: browsers upload large files in parts and must be able to give up.
const WRITE_OBJECTS = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];

/** Where a member's two areas live inside a bucket. */
export interface MemberAreas {
  /** The department's shared area, ending with `/`. */
  readonly sharedPrefix: string;
  /** The member's private area, ending with `/` (contains the identity id variable). */
  readonly userPrefix: string;
}

/** How members of a department may touch its shared area. */
export interface MemberStatementOptions {
  /** The bucket's ARN (objects are `<arn>/<key>`); may hold a policy variable. */
  readonly bucketArn: string;
  readonly areas: MemberAreas;
  /** Whether the shared area is writable (the private area always is). */
  readonly sharedWrite: boolean;
  /** Extra conditions on the shared-area write statement (prefix mode: read-only departments). */
  readonly sharedWriteConditions?: iam.Conditions;
  /** Conditions every statement carries (prefix mode: the department tag must be present). */
  readonly guard?: iam.Conditions;
  /** Statement ids, when the statements go to a policy of their own (unique per document). */
  readonly sidPrefix?: string;
}

/**
 * Key layout of the bucket-per-department strategy.
 *
 * @param identityId the identity-id policy variable
 */
export function bucketModeAreas(identityId: string): MemberAreas {
  return { sharedPrefix: 'shared/', userPrefix: `users/${identityId}/` };
}

/**
 * Key layout of the prefix-per-department strategy, the department read from the principal tag.
 *
 * @param identityId the identity-id policy variable
 */
export function prefixModeAreas(identityId: string): MemberAreas {
  const department = PolicyVariables.principalTag(DEPARTMENT_TAG);
  return {
    sharedPrefix: `departments/${department}/shared/`,
    userPrefix: `departments/${department}/users/${identityId}/`,
  };
}

/**
 * The ARN of the bucket named by the role tag `department-bucket`: in bucket mode one policy
 * serves every department, each role reaching its own bucket.
 */
export function taggedBucketArn(): string {
  return `arn:${Aws.PARTITION}:s3:::${PolicyVariables.principalTag(DEPARTMENT_BUCKET_TAG)}`;
}

/**
 * The identity-id policy variable under the issuer name the identity pool uses in this stack
 * (the China regions have their own).
 */
export function identityIdVariable(scope: IConstruct): string {
  return `\${${cognitoIdentityIssuer(scope)}:sub}`;
}

/**
 * A principal without the tag must get nothing. A missing tag already makes
 * `${aws:PrincipalTag/<tag>}` fail to match; these conditions say it explicitly, and refuse a tag
 * value with `/` that would point into another department's (or user's) area.
 *
 * @param tag the principal tag the statements read
 */
export function departmentTagGuard(tag: string): iam.Conditions {
  const key = PolicyVariables.principalTagKey(tag);
  return {
    Null: { [key]: 'false' },
    StringLike: { [key]: '?*' },
    StringNotLike: { [key]: '*/*' },
  };
}

/**
 * The statements of a department member: the shared area (read, or read-write), their own
 * private area (read-write), and ListBucket restricted by `s3:prefix` to those two areas.
 */
export function memberStatements(options: MemberStatementOptions): iam.PolicyStatement[] {
  const { bucketArn, areas, guard } = options;
  const objects = (pattern: string) => `${bucketArn}/${pattern}`;
  const sid = (name: string) => (options.sidPrefix !== undefined ? `${options.sidPrefix}${name}` : undefined);
  const statements = [
    new iam.PolicyStatement({
      sid: sid('SharedRead'),
      actions: READ_OBJECTS,
      resources: [objects(`${areas.sharedPrefix}*`)],
      conditions: guard,
    }),
  ];
  if (options.sharedWrite) {
    statements.push(new iam.PolicyStatement({
      sid: sid('SharedWrite'),
      actions: WRITE_OBJECTS,
      resources: [objects(`${areas.sharedPrefix}*`)],
      conditions: mergeConditions(guard, options.sharedWriteConditions),
    }));
  }
  statements.push(new iam.PolicyStatement({
    sid: sid('OwnArea'),
    actions: [...READ_OBJECTS, ...WRITE_OBJECTS],
    resources: [objects(`${areas.userPrefix}*`)],
    conditions: guard,
  }));
  statements.push(new iam.PolicyStatement({
    sid: sid('ListOwnAreas'),
    actions: ['s3:ListBucket'],
    resources: [bucketArn],
    conditions: mergeConditions(guard, {
      StringLike: { 's3:prefix': [areas.sharedPrefix, `${areas.sharedPrefix}*`, areas.userPrefix, `${areas.userPrefix}*`] },
    }),
  }));
  return statements;
}

/** Read access to every department's data, for the admin group in prefix mode. */
export function prefixModeAdminStatements(bucket: s3.IBucket): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'AdminReadAllDepartments',
      actions: READ_OBJECTS,
      resources: [bucket.arnForObjects('departments/*')],
    }),
    new iam.PolicyStatement({
      sid: 'AdminListAllDepartments',
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': ['departments/', 'departments/*'] } },
    }),
  ];
}

/**
 * Read access for the admin role written into a department bucket's own policy, so that the
 * admin role's policy does not grow with the number of buckets.
 */
export function bucketModeAdminResourceStatement(bucket: s3.IBucket, adminRole: iam.IRole): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AdminReadAll',
    principals: [new iam.ArnPrincipal(adminRole.roleArn)],
    actions: [...READ_OBJECTS, 's3:ListBucket'],
    resources: [bucket.bucketArn, bucket.arnForObjects('*')],
  });
}

/**
 * Use of the bucket key through S3 only: `kms:ViaService` keeps the credentials from calling KMS
 * directly with it.
 */
export function keyStatement(scope: Stack, key: kms.IKey, write: boolean, sid?: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    actions: write ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `s3.${scope.region}.${scope.urlSuffix}` } },
  });
}

function mergeConditions(a: iam.Conditions | undefined, b: iam.Conditions | undefined): iam.Conditions | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: { [op: string]: any } = { ...a };
  for (const [op, value] of Object.entries(b as { [op: string]: object })) {
    out[op] = { ...(out[op] ?? {}), ...value };
  }
  return out;
}
