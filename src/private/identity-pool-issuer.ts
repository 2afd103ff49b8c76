import { Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';

/**
 * The name under which Cognito identity pools issue web identity tokens to STS: the federated
 * principal of every trust policy and the prefix of the `:aud`, `:amr` and `:sub` keys.
 *
 * It is a global issuer name, `cognito-identity.<domain suffix of the partition>`, not an
 * endpoint. The China (Beijing) region is the exception: there tokens come from the regional
 * `cognito-identity.cn-north-1.amazonaws.com.cn`, so a China stack with a concrete region gets
 * that name. It cannot be a CloudFormation token (condition keys must be plain strings), so
 * region-agnostic stacks get the commercial-partition name, as aws-cdk-lib's identity pool does.
 * The condition keys in `PolicyVariables` use the commercial name.
 */
export function cognitoIdentityIssuer(scope: IConstruct): string {
  const region = Stack.of(scope).region;
  // RegionInfo loads aws-cdk-lib's whole region fact table (~50 ms): consult it only for China.
  if (!Token.isUnresolved(region) && region.startsWith('cn-')) {
    const info = RegionInfo.get(region);
    if (info.partition === 'aws-cn' && info.domainSuffix) {
      return `cognito-identity.${region}.${info.domainSuffix}`;
    }
  }
  return GLOBAL_ISSUER;
}

/**
 * The issuer name outside China: a fixed name (not an endpoint, not partition-dependent), the same
 * string aws-cdk-lib's identity pool and the policy-variable keys use.
 */
const GLOBAL_ISSUER = 'cognito-identity.amazonaws.com';
