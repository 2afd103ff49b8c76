/**
 * The reference client flow, end to end, for a user of the reference app:
 *
 * 1. sign in to the user pool (SRP by default; answers TOTP MFA),
 * 2. GetId and GetCredentialsForIdentity at the identity pool with the ID token,
 * 3. a SigV4-signed call to the IAM-authorized API,
 * 4. an S3 put and get in the user's own area of the department bucket.
 *
 * Run: npx ts-node --project tsconfig.dev.json examples/client/flow.ts \
 *        --config outputs.json --username alice@example.com --password '...' --totp-secret ABC...
 * (see examples/client/README.md; --endpoint http://127.0.0.1:5000 for moto).
 */
import { parseArgs } from 'node:util';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { S3Client } from '@aws-sdk/client-s3';
import { ApiResponse, callApi, joinUrl } from './api';
import { ClientConfig, loadClientConfig } from './config';
import { getCredentialsForIdentity, getIdentityId, TemporaryCredentials, userPoolLogins } from './identity';
import { decodeJwtPayload, PasswordFlow, signIn } from './sign-in';
import { DEFAULT_USER_PREFIX, putAndGet, userPrefix } from './storage';

/** Options of runFlow. */
export interface FlowOptions {
  readonly config: ClientConfig;
  readonly username: string;
  readonly password: string;
  /** @default 'srp' */
  readonly flow?: PasswordFlow;
  /** Base32 TOTP secret, for pools that require MFA. */
  readonly totpSecret?: string;
  /** Enroll a new authenticator when the pool asks for MFA setup. @default false */
  readonly setUpMfa?: boolean;
  readonly onTotpSecret?: (secret: string) => void;
  /** One endpoint for every service (moto); region and credentials still apply. @default - AWS */
  readonly endpoint?: string;
  /** @default - `apiUrl` of the configuration; no API call when neither is set */
  readonly apiUrl?: string;
  /** The route under the API URL. @default '' (the API root) */
  readonly apiPath?: string;
  /** @default 'GET' */
  readonly apiMethod?: string;
  readonly apiBody?: string;
  /** @default - the configuration entry named by bucketKey; no S3 step when there is none */
  readonly bucket?: string;
  /** @default - the only configuration entry whose key contains 'bucket' */
  readonly bucketKey?: string;
  /** @default DEFAULT_USER_PREFIX */
  readonly userPrefix?: string;
  /** @default - the ID token's custom:department claim */
  readonly department?: string;
  /** @default 'hello.txt' */
  readonly objectName?: string;
}

/** What the flow did. */
export interface FlowResult {
  readonly idTokenClaims: Record<string, unknown>;
  readonly identityId: string;
  readonly credentials: TemporaryCredentials;
  readonly api?: ApiResponse;
  readonly s3?: { readonly bucket: string; readonly key: string; readonly readBack: string };
}

/** The SDK clients of the flow (exposed so tests and scripts can reuse them). */
export interface FlowClients {
  readonly userPools: CognitoIdentityProviderClient;
  readonly identityPools: CognitoIdentityClient;
}

/**
 * Clients for the user pool's and the identity pool's regions. Both APIs are called without AWS
 * credentials (InitiateAuth, GetId and GetCredentialsForIdentity are public).
 */
export function flowClients(config: ClientConfig, endpoint?: string): FlowClients {
  return {
    userPools: new CognitoIdentityProviderClient({ region: config.userPoolId.split('_')[0], endpoint }),
    identityPools: new CognitoIdentityClient({ region: config.identityPoolId.split(':')[0], endpoint }),
  };
}

/** An S3 client with the identity's credentials (path-style when pointed at an emulator). */
export function s3ClientFor(region: string, credentials: TemporaryCredentials, endpoint?: string): S3Client {
  return new S3Client({ region, credentials, endpoint, forcePathStyle: endpoint !== undefined });
}

/** Picks the bucket: explicit, by configuration key, or the only bucket-like entry. */
export function selectBucket(config: ClientConfig, bucket?: string, bucketKey?: string): string | undefined {
  if (bucket) return bucket;
  if (bucketKey !== undefined) {
    const value = config.entries[bucketKey];
    if (!value) throw new Error(`client configuration has no '${bucketKey}'; its keys are ${Object.keys(config.entries).join(', ')}`);
    return value;
  }
  const keys = Object.keys(config.entries).filter((k) => /bucket/i.test(k));
  if (keys.length > 1) throw new Error(`client configuration has several buckets (${keys.join(', ')}); pick one with --bucket-key`);
  return keys.length === 1 ? config.entries[keys[0]] : undefined;
}

/** Runs the whole flow. */
export async function runFlow(options: FlowOptions): Promise<FlowResult> {
  const { config } = options;
  const clients = flowClients(config, options.endpoint);

  const tokens = await signIn({
    client: clients.userPools,
    userPoolId: config.userPoolId,
    clientId: config.webClientId,
    username: options.username,
    password: options.password,
    flow: options.flow,
    totpSecret: options.totpSecret,
    setUpMfa: options.setUpMfa,
    onTotpSecret: options.onTotpSecret,
  });
  const idTokenClaims = decodeJwtPayload(tokens.idToken);

  const logins = userPoolLogins(config.userPoolId, tokens.idToken);
  const identityId = await getIdentityId(clients.identityPools, config.identityPoolId, logins);
  const { credentials } = await getCredentialsForIdentity(clients.identityPools, identityId, logins);

  const apiUrl = options.apiUrl ?? config.apiUrl;
  const api = apiUrl === undefined ? undefined : await callApi({
    url: joinUrl(apiUrl, options.apiPath ?? ''),
    method: options.apiMethod,
    body: options.apiBody,
    credentials,
    region: config.region,
  });

  const bucket = selectBucket(config, options.bucket, options.bucketKey);
  let s3: FlowResult['s3'];
  if (bucket !== undefined) {
    const claimed = idTokenClaims['custom:department'];
    const department = options.department ?? (typeof claimed === 'string' ? claimed : undefined);
    const key = userPrefix(options.userPrefix ?? DEFAULT_USER_PREFIX, { identityId, department }) + (options.objectName ?? 'hello.txt');
    const body = `written by ${identityId} at ${new Date().toISOString()}`;
    const readBack = await putAndGet(s3ClientFor(config.region, credentials, options.endpoint), bucket, key, body);
    if (readBack !== body) throw new Error(`s3://${bucket}/${key} read back different content`);
    s3 = { bucket, key, readBack };
  }
  return { idTokenClaims, identityId, credentials, api, s3 };
}

const USAGE = `usage: flow.ts --config <client-config.json | cdk outputs file> --username <name> --password <password>
  [--totp-secret <base32>] [--setup-mfa] [--flow srp|password] [--output-name <stack output>]
  [--endpoint <url, e.g. moto>] [--api-url <url>] [--api-path <route>] [--api-method GET] [--api-body <text>]
  [--bucket <name> | --bucket-key <config key>] [--user-prefix '${DEFAULT_USER_PREFIX}'] [--department <name>]`;

/** The command line. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'config': { type: 'string' },
      'output-name': { type: 'string' },
      'username': { type: 'string' },
      'password': { type: 'string' },
      'flow': { type: 'string' },
      'totp-secret': { type: 'string' },
      'setup-mfa': { type: 'boolean' },
      'endpoint': { type: 'string' },
      'api-url': { type: 'string' },
      'api-path': { type: 'string' },
      'api-method': { type: 'string' },
      'api-body': { type: 'string' },
      'bucket': { type: 'string' },
      'bucket-key': { type: 'string' },
      'user-prefix': { type: 'string' },
      'department': { type: 'string' },
      'help': { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.config || !values.username || !values.password) {
    console.error(`--config, --username and --password are required\n${USAGE}`);
    return 2;
  }
  if (values.flow !== undefined && values.flow !== 'srp' && values.flow !== 'password') {
    console.error(`--flow must be srp or password, got '${values.flow}'`);
    return 2;
  }
  const result = await runFlow({
    config: loadClientConfig(values.config, values['output-name']),
    username: values.username,
    password: values.password,
    flow: values.flow as PasswordFlow | undefined,
    totpSecret: values['totp-secret'] ?? process.env.TOTP_SECRET,
    setUpMfa: values['setup-mfa'],
    onTotpSecret: (secret) => console.error(`new TOTP secret (add it to an authenticator app, then pass --totp-secret): ${secret}`),
    endpoint: values.endpoint,
    apiUrl: values['api-url'],
    apiPath: values['api-path'],
    apiMethod: values['api-method'],
    apiBody: values['api-body'],
    bucket: values.bucket,
    bucketKey: values['bucket-key'],
    userPrefix: values['user-prefix'],
    department: values.department,
  });
  // Never print the secret key or the session token.
  console.log(JSON.stringify({
    username: result.idTokenClaims['cognito:username'] ?? values.username,
    groups: result.idTokenClaims['cognito:groups'] ?? [],
    department: result.idTokenClaims['custom:department'],
    identityId: result.identityId,
    accessKeyId: result.credentials.accessKeyId,
    expiration: result.credentials.expiration,
    api: result.api && { status: result.api.status, body: result.api.body },
    s3: result.s3 && { bucket: result.s3.bucket, key: result.s3.key, readBack: result.s3.readBack },
  }, undefined, 2));
  return result.api && result.api.status >= 400 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: Error) => {
    console.error(`client flow failed: ${error.name}: ${error.message}`);
    process.exitCode = 1;
  });
}
