import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { acknowledgeCompliance } from './identity-pool-nag';

/**
 * Acknowledges, on one bucket, the HIPAA, NIST 800-53 R5 and PCI DSS findings that follow from
 * the construct's design: no cross-region replication, and SSE-S3 where there is no KMS key.
 */
export function acknowledgeBucketFindings(bucket: s3.Bucket, options: { logBucket: boolean; kmsEncrypted: boolean }): void {
  acknowledgeCompliance(bucket, 'S3BucketReplicationEnabled',
    'Cross-region replication needs a second bucket in another region and a replication role, a disaster-recovery choice left to the user; versioning keeps overwritten and deleted objects recoverable in place.');
  if (options.logBucket) {
    acknowledgeCompliance(bucket, 'S3DefaultEncryptionKMS', 'S3 server access log delivery supports only SSE-S3 on its target bucket.');
  } else if (!options.kmsEncrypted) {
    acknowledgeCompliance(bucket, 'S3DefaultEncryptionKMS', 'SSE-S3 by default; pass encryptionKey for SSE-KMS with a customer managed key.');
  }
}

/** Acknowledges the inline-policy rule on a policy the construct attaches to one role. */
export function acknowledgeRolePolicy(policy: IConstruct, role: string): void {
  acknowledgeCompliance(policy, 'IAMNoInlinePolicy', `This policy belongs to the ${role} alone, attached to it and deleted with it: the least-privilege unit for that role.`);
}
