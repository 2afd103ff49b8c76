/**
 * What-if: the one thing the library asks aws-cdk-lib's RegionInfo (partition and domain
 * suffix of a region, for the identity-pool issuer name), answered without loading the region
 * fact table. Correct for the commercial and China partitions only: a measurement aid, not a fix.
 */

/** The subset of aws-cdk-lib's RegionInfo the library uses. */
export class RegionInfo {
  /** Partition and domain suffix of a region. */
  public static get(region: string): RegionInfo {
    return new RegionInfo(region);
  }

  public readonly partition: string;
  public readonly domainSuffix: string;

  private constructor(region: string) {
    const china = region.startsWith('cn-');
    this.partition = china ? 'aws-cn' : 'aws';
    this.domainSuffix = china ? 'amazonaws.com.cn' : 'amazonaws.com';
  }
}
