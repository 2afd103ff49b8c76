/**
 * Trades the user pool ID token at the identity pool: GetId gives the identity id (stable for
 * a user: the `${cognito-identity.amazonaws.com:sub}` of IAM policies), then
 * GetCredentialsForIdentity gives temporary credentials of the role Cognito picks (the
 * authenticated role, or a group role through token-based role mapping).
 */
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';

/** Temporary AWS credentials (the shape the AWS SDK's `credentials` option takes). */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

/** The DNS suffix of a region's partition (China regions differ). */
export function partitionDnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/**
 * The `Logins` map key of a user pool: its issuer without the scheme,
 * `cognito-idp.<region>.<dns suffix>/<user pool id>`; the region comes from the pool id.
 */
export function userPoolProviderName(userPoolId: string): string {
  const region = userPoolId.split('_')[0];
  return `cognito-idp.${region}.${partitionDnsSuffix(region)}/${userPoolId}`;
}

/** The `Logins` map for a user pool ID token. */
export function userPoolLogins(userPoolId: string, idToken: string): Record<string, string> {
  return { [userPoolProviderName(userPoolId)]: idToken };
}

/** GetId: the identity id of the user in the identity pool. */
export async function getIdentityId(client: CognitoIdentityClient, identityPoolId: string, logins: Record<string, string>): Promise<string> {
  const response = await client.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }));
  if (!response.IdentityId) throw new Error(`GetId returned no identity id for pool ${identityPoolId}`);
  return response.IdentityId;
}

/** The result of GetCredentialsForIdentity. */
export interface IdentityCredentials {
  /** The identity id Cognito echoed back. */
  readonly identityId: string;
  readonly credentials: TemporaryCredentials;
}

/** GetCredentialsForIdentity (the enhanced flow: Cognito assumes the role for the client). */
export async function getCredentialsForIdentity(
  client: CognitoIdentityClient, identityId: string, logins: Record<string, string>,
): Promise<IdentityCredentials> {
  const response = await client.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins }));
  const c = response.Credentials;
  if (!c?.AccessKeyId || !c.SecretKey || !c.SessionToken) throw new Error(`GetCredentialsForIdentity returned no credentials for ${identityId}`);
  return {
    identityId: response.IdentityId ?? identityId,
    credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken, expiration: c.Expiration },
  };
}
