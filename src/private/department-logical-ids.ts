import { createHash } from 'crypto';
import { Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

const PREFIX = /^[A-Za-z][A-Za-z0-9]{0,199}$/;

/**
 * The logical ids of the buckets of one `PerDepartmentBucketAccess`, from a prefix and never
 * from the construct path: buckets hold data and are retained, so a new logical id would leave
 * the data behind in an orphaned bucket and start an empty one.
 */
export class DepartmentBucketIds {
  /**
   * @param prefix the prefix of every bucket's logical id
   */
  constructor(readonly prefix: string) {
    if (Token.isUnresolved(prefix) || !PREFIX.test(prefix)) {
      throw new Error(`bucketLogicalIdPrefix must match ${PREFIX.source} (the start of a CloudFormation logical id: a letter, then letters and digits, at most 200), got '${prefix}'; use e.g. 'Departments'`);
    }
  }

  /** The access-log bucket. */
  get accessLogs(): string {
    return `${this.prefix}AccessLogs`;
  }

  /** The one data bucket of prefix mode. */
  get data(): string {
    return `${this.prefix}Bucket`;
  }

  /**
   * A department's bucket. Department names may hold hyphens, which logical ids may not: a hash
   * of the exact name keeps `a-b` and `ab` apart.
   */
  department(name: string): string {
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 8).toUpperCase();
    return `${this.prefix}${name.replace(/[^A-Za-z0-9]/g, '')}Bucket${hash}`;
  }
}

/** Gives a bucket its logical id. */
export function pinLogicalId(bucket: s3.Bucket, logicalId: string): void {
  (bucket.node.defaultChild as s3.CfnBucket).overrideLogicalId(logicalId);
}
