import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** What every bucket of the construct shares. */
export interface DepartmentBucketSettings {
  readonly encryptionKey?: kms.IKey;
  readonly corsRules?: s3.CorsRule[];
  readonly noncurrentVersionExpiration: Duration;
  readonly removalPolicy: RemovalPolicy;
}

/** Multipart uploads a browser abandoned would otherwise be billed forever. */
const ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7);

/**
 * A private data bucket: no public access, TLS only, encrypted, versioned, ACLs disabled,
 * noncurrent versions expired, retained on stack deletion unless told otherwise (never
 * auto-deleted: emptying a bucket of department data must be a human decision).
 */
export function createDataBucket(scope: Construct, id: string, settings: DepartmentBucketSettings): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: settings.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
    encryptionKey: settings.encryptionKey,
    bucketKeyEnabled: settings.encryptionKey ? true : undefined,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    cors: settings.corsRules,
    lifecycleRules: [{
      id: 'ExpireNoncurrentVersions',
      noncurrentVersionExpiration: settings.noncurrentVersionExpiration,
      abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_UPLOADS_AFTER,
    }],
    removalPolicy: settings.removalPolicy,
    autoDeleteObjects: false,
  });
}

/**
 * The bucket that receives the server access logs. S3 delivers access logs to SSE-S3 buckets
 * only, so it never takes the KMS key.
 */
export function createAccessLogsBucket(scope: Construct, id: string, settings: DepartmentBucketSettings): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{
      id: 'ExpireNoncurrentVersions',
      noncurrentVersionExpiration: settings.noncurrentVersionExpiration,
    }],
    removalPolicy: settings.removalPolicy,
    autoDeleteObjects: false,
  });
  return bucket;
}

/**
 * Lets the S3 logging service write into the log bucket, with ONE statement for every source
 * bucket of the account. aws-cdk-lib's `serverAccessLogsBucket` adds one statement per source
 * bucket instead, which pushes the log bucket policy past S3's 20 KB limit at about 50 buckets.
 */
export function allowAccessLogDelivery(logBucket: s3.IBucket, account: string): void {
  logBucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'S3ServerAccessLogsDelivery',
    effect: iam.Effect.ALLOW,
    // Service principals are `<service>.amazonaws.com` in every partition (not the URL suffix).
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [logBucket.arnForObjects('*')],
    conditions: { StringEquals: { 'aws:SourceAccount': account } },
  }));
}

/** Sends a bucket's server access logs to the log bucket under a prefix of its own. */
export function enableAccessLogs(bucket: s3.Bucket, logBucket: s3.IBucket, prefix: string): void {
  const cfn = bucket.node.defaultChild as s3.CfnBucket;
  cfn.loggingConfiguration = { destinationBucketName: logBucket.bucketName, logFilePrefix: prefix };
  // The delivery permission must exist before logging is switched on.
  if (logBucket.policy) bucket.node.addDependency(logBucket.policy);
}
