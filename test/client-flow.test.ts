/**
 * The reference client flow (examples/client/), proven piece by piece and end to end.
 *
 * What each part proves, and what it does not:
 * - TOTP and SRP: RFC 6238 test vectors; a third-party Cognito SRP vector; an SRP server written
 *   apart from the client (test/client/srp-verifier.ts) that accepts the right password only.
 * - The signed API call: a local endpoint recomputes SigV4 with node:crypto (not the SDK signer).
 * - End to end against moto (server mode, 127.0.0.1): moto's user pools are real enough for
 *   sign-in, wrong-password rejection, TOTP MFA and token claims; its identity pools are a stub
 *   (any token accepted, fixed fake credentials, a new random identity id on every GetId) and
 *   its S3 accepts any credentials. So these tests prove the client's code path, never
 *   authorization: who may call which route or touch which key is proven by IAM simulation of
 *   the synthesized policies in the construct tests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CognitoIdentityClient, CreateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, CodeMismatchException,
  CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
  NotAuthorizedException, SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { motoAvailable, MotoServer, startMoto } from './client/moto-server';
import { SigV4Endpoint } from './client/sigv4-verifier';
import { SrpUserPool } from './client/srp-verifier';
import { ReferenceStack } from '../examples/app';
import { callApi, joinUrl, sendSignedRequest, signApiRequest, SignedApiRequest } from '../examples/client/api';
import { ClientConfig, loadClientConfig, parseClientConfig } from '../examples/client/config';
import { main, runFlow, selectBucket } from '../examples/client/flow';
import { getCredentialsForIdentity, getIdentityId, partitionDnsSuffix, TemporaryCredentials, userPoolLogins, userPoolProviderName } from '../examples/client/identity';
import { decodeJwtPayload, signIn, UserPoolTokens } from '../examples/client/sign-in';
import { cognitoTimestamp, newSrpSession, padHex, passwordClaimSignature } from '../examples/client/srp';
import { DEFAULT_USER_PREFIX, userPrefix } from '../examples/client/storage';
import { base32Decode, hotp, totp, TotpAlgorithm, totpNow } from '../examples/client/totp';
import { CognitoUserPoolAuth } from '../src/cognito-user-pool-auth';
import { FederatedIdentityPool } from '../src/federated-identity-pool';
import { newTestStack } from './helpers/app';
import { TemplateJson, TemplateResolver } from './helpers/template-resolver';

const REGION = 'us-east-1';
const STATIC_CREDENTIALS: TemporaryCredentials = {
  accessKeyId: 'ASIAEXAMPLEKEY000001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//session+token=',
};

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B: the seed is the ASCII digits repeated to the hash's key size, 8 digits.
  const seeds: Record<TotpAlgorithm, Buffer> = {
    sha1: Buffer.from('12345678901234567890'),
    sha256: Buffer.from('12345678901234567890123456789012'),
    sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
  };
  const vectors: Array<[number, TotpAlgorithm, string]> = [
    [59, 'sha1', '94287082'], [59, 'sha256', '46119246'], [59, 'sha512', '90693936'],
    [1111111109, 'sha1', '07081804'], [1111111109, 'sha256', '68084774'], [1111111109, 'sha512', '25091201'],
    [1111111111, 'sha1', '14050471'], [1111111111, 'sha256', '67062674'], [1111111111, 'sha512', '99943326'],
    [1234567890, 'sha1', '89005924'], [1234567890, 'sha256', '91819424'], [1234567890, 'sha512', '93441116'],
    [2000000000, 'sha1', '69279037'], [2000000000, 'sha256', '90698825'], [2000000000, 'sha512', '38618901'],
    [20000000000, 'sha1', '65353130'], [20000000000, 'sha256', '77737706'], [20000000000, 'sha512', '47863826'],
  ];

  test.each(vectors)('GIVEN the RFC seed THEN T=%i with %s gives %s', (time, algorithm, expected) => {
    expect(totp(seeds[algorithm], time, { digits: 8, algorithm })).toBe(expected);
  });

  test('HOTP matches RFC 4226 appendix D (counters 0 and 9)', () => {
    expect(hotp(seeds.sha1, 0n)).toBe('755224');
    expect(hotp(seeds.sha1, 9n)).toBe('520489');
  });

  test('base32 decodes RFC 4648 vectors, ignoring case, spaces and padding', () => {
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
    expect(base32Decode('MY').toString()).toBe('f');
  });

  test('a secret that is not base32 is rejected with the offending character', () => {
    expect(() => base32Decode('ABC1')).toThrow(/TOTP secret must be base32 \(A-Z, 2-7\), got the character '1'/);
  });

  test('totpNow uses 30-second steps and 6 digits (the Cognito authenticator setting)', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of the RFC SHA-1 seed
    expect(totpNow(secret, new Date(59_000))).toBe('287082');
    expect(totpNow(secret, new Date(60_000))).not.toBe('287082');
  });

  test('HOTP rejects a digit count outside 6-10', () => {
    expect(() => hotp(seeds.sha1, 0n, 5)).toThrow(/HOTP digits must be an integer from 6 to 10, got 5/);
  });
});

describe('Cognito SRP (USER_SRP_AUTH)', () => {
  test('reproduces a third-party Cognito SRP vector (A and PASSWORD_CLAIM_SIGNATURE)', () => {
    // Vector from the test data of simonmcallister0210/cognito-srp-helper (an implementation
    // derived from amazon-cognito-identity-js): src/__tests__/mocks/data.ts.
    const vector = JSON.parse(fs.readFileSync(path.join(__dirname, 'client', 'srp-vector.json'), 'utf8'));
    const session = newSrpSession(BigInt(`0x${vector.smallA}`));
    expect(session.largeA.toString(16)).toBe(vector.largeA);
    expect(passwordClaimSignature(session, {
      userPoolId: vector.poolId,
      userIdForSrp: vector.username,
      password: vector.password,
      srpB: vector.largeB,
      salt: vector.salt,
      secretBlock: vector.secret,
      timestamp: vector.timestamp,
    })).toBe(vector.passwordSignature);
  });

  test('the SRP sign-in is accepted by an independent SRP server with the right password', async () => {
    // GIVEN a pool that knows the user only by an SRP verifier
    const pool = new SrpUserPool('us-east-1_AbCdEf123', 'user-id-for-srp', 'Correct-Horse-1');
    // WHEN the client signs in
    const tokens = await signIn({ client: pool as unknown as CognitoIdentityProviderClient, userPoolId: pool.userPoolId, clientId: 'web', username: 'alice@example.com', password: 'Correct-Horse-1' });
    // THEN the server's form of the shared key agreed with the client's
    expect(tokens.idToken).toBe('header.e30.sig');
    expect(pool.calls).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
  });

  test('the SRP sign-in is rejected by the independent SRP server with a wrong password', async () => {
    const pool = new SrpUserPool('us-east-1_AbCdEf123', 'user-id-for-srp', 'Correct-Horse-1');
    await expect(signIn({ client: pool as unknown as CognitoIdentityProviderClient, userPoolId: pool.userPoolId, clientId: 'web', username: 'alice@example.com', password: 'Correct-Horse-2' }))
      .rejects.toThrow(NotAuthorizedException);
  });

  test('timestamps use Cognito\'s format: unpadded day, padded time, UTC', () => {
    expect(cognitoTimestamp(new Date(Date.UTC(2000, 1, 1, 3, 4, 5)))).toBe('Tue Feb 1 03:04:05 UTC 2000');
    expect(cognitoTimestamp(new Date(Date.UTC(2026, 10, 22, 23, 59, 9)))).toBe('Sun Nov 22 23:59:09 UTC 2026');
  });

  test('padHex gives even-length, sign-safe hex', () => {
    expect(padHex(0xfn)).toBe('0f');
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0x1234n)).toBe('1234');
  });

  test('a server B of 0 mod N is refused (SRP-6a safety check)', () => {
    const session = newSrpSession();
    expect(() => passwordClaimSignature(session, {
      userPoolId: 'us-east-1_x', userIdForSrp: 'u', password: 'p', srpB: '0', salt: '01', secretBlock: '', timestamp: 't',
    })).toThrow(/server sent B = 0 mod N/);
  });

  test('a user pool id without the region prefix is refused', () => {
    expect(() => passwordClaimSignature(newSrpSession(), {
      userPoolId: 'nounderscore', userIdForSrp: 'u', password: 'p', srpB: '02', salt: '01', secretBlock: '', timestamp: 't',
    })).toThrow(/user pool id must look like '<region>_<name>', got 'nounderscore'/);
  });
});

describe('client configuration', () => {
  const document = {
    region: REGION,
    identityPoolId: `${REGION}:11111111-2222-3333-4444-555555555555`,
    userPoolId: `${REGION}_AbCdEf123`,
    webClientId: 'client123',
    apiUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/',
    bucketName: 'reference-data',
  };

  test('reads the document itself', () => {
    const config = parseClientConfig(JSON.stringify(document));
    expect(config).toMatchObject({ region: REGION, userPoolId: document.userPoolId, webClientId: 'client123', apiUrl: document.apiUrl });
    expect(config.entries.bucketName).toBe('reference-data');
  });

  test('reads a cdk deploy --outputs-file, where the document is a string output', () => {
    const outputs = { CognitoAccessReference: { ApiUrl: 'https://x', ClientConfig: JSON.stringify(document) } };
    expect(parseClientConfig(JSON.stringify(outputs)).identityPoolId).toBe(document.identityPoolId);
  });

  test('reads one stack\'s outputs and honours --output-name', () => {
    const outputs = { Other: JSON.stringify({ ...document, webClientId: 'other' }), ClientConfig: JSON.stringify(document) };
    expect(() => parseClientConfig(JSON.stringify(outputs))).toThrow(/2 outputs hold a client configuration \(Other, ClientConfig\); pick one with --output-name/);
    expect(parseClientConfig(JSON.stringify(outputs), 'ClientConfig').webClientId).toBe('client123');
  });

  test('accepts userPoolClientId for the client id', () => {
    const { webClientId, ...rest } = document;
    expect(parseClientConfig(JSON.stringify({ ...rest, userPoolClientId: webClientId })).webClientId).toBe('client123');
  });

  test('loads from a file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'client-config-')), 'outputs.json');
    fs.writeFileSync(file, JSON.stringify({ Stack: { ClientConfig: JSON.stringify(document) } }));
    expect(loadClientConfig(file).userPoolId).toBe(document.userPoolId);
  });

  test.each([
    ['not JSON', '{', /client configuration must be JSON/],
    ['no document', '{"a":"b"}', /no client configuration found: expected a JSON object with region, identityPoolId and userPoolId/],
    ['no user pool', JSON.stringify({ region: REGION, identityPoolId: document.identityPoolId }), /client configuration has no 'userPoolId'/],
    ['no client id', JSON.stringify({ region: REGION, identityPoolId: document.identityPoolId, userPoolId: document.userPoolId }), /has no 'webClientId' \(or 'userPoolClientId'\)/],
    ['an unresolved token', JSON.stringify({ ...document, userPoolId: '${Token[TOKEN.123]}' }), /userPoolId must look like '<region>_<id>', got '\$\{Token\[TOKEN.123\]\}'/],
    ['a bad identity pool id', JSON.stringify({ ...document, identityPoolId: 'pool' }), /identityPoolId must look like '<region>:<uuid>', got 'pool'/],
  ])('rejects %s with a message that names the fix', (_, text, message) => {
    expect(() => parseClientConfig(text)).toThrow(message);
  });

  test('an unknown --output-name is named in the error', () => {
    expect(() => parseClientConfig(JSON.stringify({ S: { ClientConfig: JSON.stringify(document) } }), 'Nope'))
      .toThrow(/no stack output named 'Nope' holds a client configuration/);
  });

  test('the bucket comes from --bucket, --bucket-key, or the only bucket-like entry', () => {
    const config = parseClientConfig(JSON.stringify(document));
    expect(selectBucket(config)).toBe('reference-data');
    expect(selectBucket(config, 'explicit')).toBe('explicit');
    expect(selectBucket(config, undefined, 'bucketName')).toBe('reference-data');
    expect(() => selectBucket(config, undefined, 'missing')).toThrow(/client configuration has no 'missing'; its keys are region, identityPoolId/);
    const two = parseClientConfig(JSON.stringify({ ...document, logsBucket: 'logs' }));
    expect(() => selectBucket(two)).toThrow(/several buckets \(bucketName, logsBucket\); pick one with --bucket-key/);
  });

  test('reads the document FederatedIdentityPool publishes (contract with the construct)', () => {
    // GIVEN the constructs with a client configuration output and an extra entry
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Identity', { userPoolAuth: auth, clientConfig: { outputName: 'ClientConfig' } });
    pool.addClientConfig('apiUrl', 'https://api.example.com/prod/');
    pool.addClientConfig('bucketName', 'reference-data');
    // WHEN the output is resolved with fake deterministic ids, as CloudFormation would resolve it
    const template = Template.fromStack(stack).toJSON();
    const value = new TemplateResolver(template as TemplateJson).resolve(template.Outputs.ClientConfig.Value);
    // THEN the loader finds everything the flow needs under the keys the construct uses
    const config = parseClientConfig(JSON.stringify({ CognitoAccessReference: { ClientConfig: value } }));
    expect(config).toMatchObject({ region: REGION, apiUrl: 'https://api.example.com/prod/' });
    expect(config.userPoolId).toMatch(/^us-east-1_\w+$/);
    expect(config.identityPoolId).toMatch(/^us-east-1:[0-9a-f-]+$/);
    expect(config.webClientId).toMatch(/^client/);
    expect(selectBucket(config)).toBe('reference-data');
  });
});

describe('the reference app (examples/app.ts) fits the flow', () => {
  let template: TemplateJson & { Outputs: Record<string, { Value: unknown }> };
  beforeAll(() => {
    const app = new App({ builtinCloudFormationValidation: false });
    template = Template.fromStack(new ReferenceStack(app, 'CognitoAccessReference')).toJSON() as typeof template;
  });

  test('its outputs file gives the flow a configuration with the API URL and the bucket', () => {
    // GIVEN the outputs as `cdk deploy --outputs-file` writes them (fake deterministic ids)
    const resolver = new TemplateResolver(template);
    const outputs = Object.fromEntries(Object.entries(template.Outputs).map(([id, o]) => [id, resolver.resolve(o.Value)]));
    // WHEN the flow loads it THEN it finds the one client configuration among the outputs
    const config = parseClientConfig(JSON.stringify({ CognitoAccessReference: outputs }));
    expect(config.apiUrl).toMatch(/^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/prod\/$/);
    expect(joinUrl(config.apiUrl!, 'me')).toMatch(/\/prod\/me$/);
    expect(selectBucket(config)).toBe(config.entries.bucketName);
    expect(config.webClientId).toMatch(/^client/);
  });

  test('its S3 policies grant the key layout the flow writes to (DEFAULT_USER_PREFIX)', () => {
    // The flow fills {department} from custom:department (the principal tag) and {identityId}
    // from GetId (the policy variable): the policy must name exactly that prefix.
    const asPolicy = userPrefix(DEFAULT_USER_PREFIX, { department: '${aws:PrincipalTag/department}', identityId: '${cognito-identity.amazonaws.com:sub}' });
    expect(asPolicy).toBe('departments/${aws:PrincipalTag/department}/users/${cognito-identity.amazonaws.com:sub}/');
    expect(JSON.stringify(template)).toContain(`/${asPolicy}*`);
  });

  test('its web client allows the flow\'s default sign-in (USER_SRP_AUTH) and is public', () => {
    const clients = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolClient');
    expect(clients.some((c) => c.Properties.ExplicitAuthFlows?.includes('ALLOW_USER_SRP_AUTH') && c.Properties.GenerateSecret === false)).toBe(true);
  });

  test('its pool requires TOTP MFA (which the flow answers) and has custom:department', () => {
    const [pool] = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Cognito::UserPool');
    expect(pool.Properties).toMatchObject({ MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    expect(pool.Properties.Schema).toEqual(expect.arrayContaining([expect.objectContaining({ Name: 'department', AttributeDataType: 'String' })]));
  });
});

describe('identity pool logins and key layout', () => {
  test('the Logins key is the user pool issuer without https://, in the pool\'s own region and partition', () => {
    expect(userPoolProviderName('eu-west-1_AbC')).toBe('cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC');
    expect(userPoolProviderName('cn-north-1_AbC')).toBe('cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_AbC');
    expect(partitionDnsSuffix('us-gov-west-1')).toBe('amazonaws.com');
    expect(userPoolLogins('eu-west-1_AbC', 'tok')).toEqual({ 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC': 'tok' });
  });

  test('the default user prefix is PerDepartmentBucketAccess\'s prefix-mode layout', () => {
    expect(userPrefix(DEFAULT_USER_PREFIX, { identityId: 'us-east-1:abc', department: 'finance' })).toBe('departments/finance/users/us-east-1:abc/');
    expect(userPrefix('users/{identityId}/', { identityId: 'us-east-1:abc' })).toBe('users/us-east-1:abc/');
  });

  test.each([
    ['departments/{department}/users/{identityId}', {}, /must end with '\/'/],
    ['departments/{department}/', {}, /must contain \{identityId\}/],
    ['{dept}/{identityId}/', {}, /unknown placeholder \{dept\}; use \{identityId\} and \{department\}/],
    [DEFAULT_USER_PREFIX, { department: undefined }, /needs a department: the ID token has no custom:department claim; pass --department/],
  ])('the prefix template %s is rejected when unusable', (template, values, message) => {
    expect(() => userPrefix(template, { identityId: 'id', ...values })).toThrow(message);
  });

  test('joinUrl neither doubles nor drops the slash', () => {
    expect(joinUrl('https://x/prod/', '/whoami')).toBe('https://x/prod/whoami');
    expect(joinUrl('https://x/prod', 'whoami')).toBe('https://x/prod/whoami');
  });
});

describe('command line', () => {
  test.each([
    [['--username', 'u', '--password', 'p'], /--config, --username and --password are required/],
    [['--config', 'c.json', '--username', 'u', '--password', 'p', '--flow', 'custom'], /--flow must be srp or password, got 'custom'/],
  ])('%j is refused with exit code 2 and the reason', async (args, message) => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(args)).toBe(2);
      expect(String(error.mock.calls[0][0])).toMatch(message);
    } finally {
      error.mockRestore();
    }
  });
});

describe('SigV4-signed API call, checked by an independent verifier', () => {
  let endpoint: SigV4Endpoint;
  let baseUrl: string;

  beforeEach(async () => {
    endpoint = new SigV4Endpoint();
    endpoint.trust(STATIC_CREDENTIALS.accessKeyId, STATIC_CREDENTIALS.secretAccessKey);
    baseUrl = await endpoint.start();
  });
  afterEach(() => endpoint.stop());

  /** A fixed request: fixed time, body, query and credentials. */
  const fixedRequest = (url: string) => signApiRequest({
    url: joinUrl(url, '/prod/whoami?b=2&a=hello%20world'),
    method: 'POST',
    body: '{"hello":"world"}',
    credentials: STATIC_CREDENTIALS,
    region: REGION,
    signingDate: new Date(Date.UTC(2026, 10, 22, 1, 2, 3)),
  });

  test('the fixed request verifies, with the exact headers and canonical request', async () => {
    // WHEN the client signs and sends the fixed request
    const response = await sendSignedRequest(await fixedRequest(baseUrl));
    // THEN the verifier accepted it
    expect(response.status).toBe(200);
    expect(endpoint.received).toHaveLength(1);
    const { verification, headers } = endpoint.received[0];
    expect(verification).toMatchObject({ valid: true, reason: '', accessKeyId: STATIC_CREDENTIALS.accessKeyId });
    // AND the headers are those of a SigV4 request with temporary credentials
    expect(headers.authorization).toMatch(new RegExp(
      `^AWS4-HMAC-SHA256 Credential=${STATIC_CREDENTIALS.accessKeyId}/20261122/us-east-1/execute-api/aws4_request, `
      + 'SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$'));
    expect(headers['x-amz-content-sha256']).toBeUndefined();
    expect(headers['x-amz-date']).toBe('20261122T010203Z');
    expect(headers['x-amz-security-token']).toBe(STATIC_CREDENTIALS.sessionToken);
    // AND the canonical request is exactly this (query sorted and RFC 3986 encoded, body hashed)
    const host = new URL(baseUrl).host;
    expect(verification.canonicalRequest).toBe([
      'POST',
      '/prod/whoami',
      'a=hello%20world&b=2',
      'content-type:application/json',
      `host:${host}`,
      'x-amz-date:20261122T010203Z',
      `x-amz-security-token:${STATIC_CREDENTIALS.sessionToken}`,
      '',
      'content-type;host;x-amz-date;x-amz-security-token',
      '93a23971a914e5eacbf0a8d25154cda309c3c1c72fbb9914d47c60f3cb681588', // sha256('{"hello":"world"}')
    ].join('\n'));
    expect(verification.stringToSign?.split('\n').slice(0, 3)).toEqual(['AWS4-HMAC-SHA256', '20261122T010203Z', '20261122/us-east-1/execute-api/aws4_request']);
  });

  test.each([
    ['a changed body', (r: SignedApiRequest) => ({ ...r, body: '{"hello":"mallory"}', headers: { ...r.headers } })],
    ['a changed path', (r: SignedApiRequest) => ({ ...r, url: r.url.replace('/whoami', '/admin') })],
    ['a changed query', (r: SignedApiRequest) => ({ ...r, url: r.url.replace('b=2', 'b=3') })],
    ['a changed session token', (r: SignedApiRequest) => ({ ...r, headers: { ...r.headers, 'x-amz-security-token': 'other' } })],
    ['another secret key', (r: SignedApiRequest) => r],
  ])('a request with %s fails verification', async (name, tamper) => {
    // GIVEN a correctly signed request, which verifies as sent
    const signed = await fixedRequest(baseUrl);
    expect((await sendSignedRequest(signed)).status).toBe(200);
    // WHEN it is tampered with in transit (or checked against another key)
    if (name === 'another secret key') endpoint.trust(STATIC_CREDENTIALS.accessKeyId, 'not-the-secret');
    const response = await sendSignedRequest(tamper(signed));
    // THEN it is rejected for its signature
    expect(response.status).toBe(403);
    expect(endpoint.received[1].verification).toMatchObject({ valid: false, reason: 'signature does not match' });
  });

  test('a request without a signature is rejected', async () => {
    const signed = await fixedRequest(baseUrl);
    const { authorization, ...unsigned } = signed.headers;
    expect(authorization).toBeDefined();
    expect((await sendSignedRequest({ ...signed, headers: unsigned })).status).toBe(403);
    expect(endpoint.received[0].verification.reason).toBe('no Authorization header');
  });

  test('a request whose session token is not a signed header is rejected', async () => {
    // GIVEN a request signed without the token, which is then added (a replayable token)
    const signed = await signApiRequest({ url: joinUrl(baseUrl, 'prod/whoami'), credentials: { ...STATIC_CREDENTIALS, sessionToken: undefined as unknown as string }, region: REGION });
    const response = await sendSignedRequest({ ...signed, headers: { ...signed.headers, 'x-amz-security-token': STATIC_CREDENTIALS.sessionToken } });
    expect(response.status).toBe(403);
    expect(endpoint.received[0].verification.reason).toBe('x-amz-security-token is not a signed header');
  });

  test('callApi signs with the current time', async () => {
    const before = Date.now();
    const response = await callApi({ url: joinUrl(baseUrl, 'prod/whoami'), credentials: STATIC_CREDENTIALS, region: REGION });
    expect(response.status).toBe(200);
    const amzDate = endpoint.received[0].headers['x-amz-date'] as string;
    const [year, month, day, hour, minute, second] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(amzDate)!.slice(1).map(Number);
    const signedAt = Date.UTC(year, month - 1, day, hour, minute, second);
    expect(Math.abs(signedAt - before)).toBeLessThan(60_000);
  });
});

const moto = motoAvailable();
if (!moto.available && process.env.CI) {
  // In CI moto comes from .ci/requirements.txt: its absence is a broken setup, not a skip.
  test('moto is installed (CI)', () => {
    throw new Error(`moto server is required in CI: ${moto.reason}; install it from .ci/requirements.txt`);
  });
}
const describeMoto = moto.available ? describe : describe.skip;

describeMoto(`end to end against moto on 127.0.0.1${moto.available ? '' : ` (SKIPPED: ${moto.reason})`}`, () => {
  const USERNAME = 'alice@example.com';
  const PASSWORD = 'Corr3ct-Horse-Battery!';
  const BUCKET = 'reference-department-data';
  let server: MotoServer;
  let config: ClientConfig;
  let configFile: string;
  let totpSecret = '';
  let adminIdp: CognitoIdentityProviderClient;
  let adminS3: S3Client;
  let passwordClientId: string;
  let identityPools: CognitoIdentityClient;
  let userPools: CognitoIdentityProviderClient;

  beforeAll(async () => {
    // moto checks TOTP codes (with the cryptography package's TOTP) only when told to.
    server = await startMoto({ MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP: 'true' });
    const adminCredentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
    adminIdp = new CognitoIdentityProviderClient({ region: REGION, endpoint: server.endpoint, credentials: adminCredentials });
    adminS3 = new S3Client({ region: REGION, endpoint: server.endpoint, credentials: adminCredentials, forcePathStyle: true });
    const adminIdentity = new CognitoIdentityClient({ region: REGION, endpoint: server.endpoint, credentials: adminCredentials });

    // The reference app's user pool (CognitoUserPoolAuth defaults + examples/app.ts), as far as
    // moto models it: email sign-in, no self sign-up, 12-character passwords, MFA required with
    // TOTP, an immutable custom:department, the department groups.
    const { UserPool } = await adminIdp.send(new CreateUserPoolCommand({
      PoolName: 'reference',
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
      Schema: [
        { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'department', AttributeDataType: 'String', Mutable: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '40' } },
      ],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      DeletionProtection: 'ACTIVE',
    }));
    const userPoolId = UserPool!.Id!;
    await adminIdp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    // The web client: public (no secret), SRP only, as the reference app's default.
    const web = await adminIdp.send(new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'web',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
    }));
    // moto does not check SRP proofs; it does compare passwords in USER_PASSWORD_AUTH, so a
    // second client with that flow shows the wrong-password rejection.
    const passwordClient = await adminIdp.send(new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'password-check',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }));
    passwordClientId = passwordClient.UserPoolClient!.ClientId!;
    for (const group of ['finance', 'hr', 'engineering']) {
      await adminIdp.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group, Description: `The ${group} department` }));
    }
    await adminIdp.send(new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: USERNAME,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: USERNAME }, { Name: 'email_verified', Value: 'true' }, { Name: 'custom:department', Value: 'finance' }],
    }));
    await adminIdp.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: USERNAME, Password: PASSWORD, Permanent: true }));
    await adminIdp.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: USERNAME, GroupName: 'finance' }));

    const webClientId = web.UserPoolClient!.ClientId!;
    const identityPool = await adminIdentity.send(new CreateIdentityPoolCommand({
      IdentityPoolName: 'reference',
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
      CognitoIdentityProviders: [{ ProviderName: userPoolProviderName(userPoolId), ClientId: webClientId, ServerSideTokenCheck: true }],
    }));
    await adminS3.send(new CreateBucketCommand({ Bucket: BUCKET }));

    // The client configuration, as `cdk deploy --outputs-file` writes it.
    configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'client-flow-')), 'outputs.json');
    fs.writeFileSync(configFile, JSON.stringify({
      CognitoAccessReference: {
        ClientConfig: JSON.stringify({ region: REGION, identityPoolId: identityPool.IdentityPoolId, userPoolId, webClientId, bucketName: BUCKET }),
      },
    }));
    config = loadClientConfig(configFile);
    userPools = new CognitoIdentityProviderClient({ region: REGION, endpoint: server.endpoint });
    identityPools = new CognitoIdentityClient({ region: REGION, endpoint: server.endpoint });

    // First sign-in of a pool with required MFA: MFA_SETUP, answered by enrolling an authenticator.
    await signIn({
      client: userPools,
      userPoolId,
      clientId: webClientId,
      username: USERNAME,
      password: PASSWORD,
      setUpMfa: true,
      onTotpSecret: (secret) => { totpSecret = secret; },
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
  });

  const srpSignIn = (overrides: Partial<Parameters<typeof signIn>[0]> = {}) => signIn({
    client: userPools,
    userPoolId: config.userPoolId,
    clientId: config.webClientId,
    username: USERNAME,
    password: PASSWORD,
    totpSecret,
    ...overrides,
  });

  test('the first sign-in enrolled a TOTP authenticator (MFA_SETUP)', () => {
    expect(base32Decode(totpSecret).length).toBeGreaterThan(0);
  });

  test('SRP sign-in answers SOFTWARE_TOKEN_MFA with a TOTP code moto accepts', async () => {
    const tokens = await srpSignIn();
    expect(tokens.idToken.split('.')).toHaveLength(3);
    expect(tokens.accessToken.split('.')).toHaveLength(3);
  });

  test('a TOTP code from another secret is rejected (moto checks the code)', async () => {
    await expect(srpSignIn({ totpSecret: 'JBSWY3DPEHPK3PXP' })).rejects.toThrow(CodeMismatchException);
  });

  test('without a TOTP secret the flow says how to give one', async () => {
    await expect(srpSignIn({ totpSecret: undefined })).rejects.toThrow(/asks for a TOTP code \(SOFTWARE_TOKEN_MFA\); pass --totp-secret/);
  });

  test('the password flow signs in with the right password and rejects a wrong one', async () => {
    const ok = await signIn({ client: userPools, userPoolId: config.userPoolId, clientId: passwordClientId, username: USERNAME, password: PASSWORD, flow: 'password', totpSecret });
    expect(decodeJwtPayload(ok.idToken).email).toBe(USERNAME);
    await expect(signIn({ client: userPools, userPoolId: config.userPoolId, clientId: passwordClientId, username: USERNAME, password: 'Wr0ng-Horse-Battery!', flow: 'password', totpSecret }))
      .rejects.toThrow(NotAuthorizedException);
  });

  test('a user without an authenticator is told to run --setup-mfa (MFA_SETUP)', async () => {
    // GIVEN a second user of the pool who never enrolled a TOTP device
    await adminIdp.send(new AdminCreateUserCommand({
      UserPoolId: config.userPoolId,
      Username: 'bob@example.com',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }, { Name: 'custom:department', Value: 'hr' }],
    }));
    await adminIdp.send(new AdminSetUserPasswordCommand({ UserPoolId: config.userPoolId, Username: 'bob@example.com', Password: PASSWORD, Permanent: true }));
    // WHEN he signs in without --setup-mfa THEN the flow stops with the fix
    await expect(srpSignIn({ username: 'bob@example.com', totpSecret: undefined }))
      .rejects.toThrow(/has no MFA device yet and the pool requires one \(MFA_SETUP\); run once with --setup-mfa/);
  });

  test('a user with a temporary password is told to set a permanent one (NEW_PASSWORD_REQUIRED)', async () => {
    await adminIdp.send(new AdminCreateUserCommand({
      UserPoolId: config.userPoolId,
      Username: 'carol@example.com',
      MessageAction: 'SUPPRESS',
      TemporaryPassword: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
    }));
    await expect(srpSignIn({ username: 'carol@example.com' }))
      .rejects.toThrow(/user 'carol@example.com' still has a temporary password \(NEW_PASSWORD_REQUIRED\); set a permanent one/);
  });

  test('the command line runs the flow from the outputs file and prints no secret', async () => {
    // GIVEN console output captured
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      // WHEN the script's main runs as `flow.ts --config outputs.json ...`
      const code = await main(['--config', configFile, '--username', USERNAME, '--password', PASSWORD, '--totp-secret', totpSecret, '--endpoint', server.endpoint]);
      // THEN it succeeds and prints the identity and the S3 key, never the secret key or token
      expect(code).toBe(0);
      const printed = JSON.parse(log.mock.calls[0][0] as string);
      expect(printed).toMatchObject({ groups: ['finance'], department: 'finance', s3: { bucket: BUCKET } });
      expect(printed.identityId).toMatch(/^us-east-1:/);
      expect(printed.s3.key).toBe(`departments/finance/users/${printed.identityId}/hello.txt`);
      expect(printed.api).toBeUndefined(); // no apiUrl in this configuration: no API step
      const output = log.mock.calls.map((c) => String(c[0])).join('\n');
      const issued = await getCredentialsForIdentity(identityPools, printed.identityId, {});
      expect(output).toContain(issued.credentials.accessKeyId); // the access key id is printed...
      expect(output).not.toContain(issued.credentials.secretAccessKey); // ...the secret key and session token are not
      expect(output).not.toContain(issued.credentials.sessionToken);
    } finally {
      log.mockRestore();
    }
  });

  describe('with the ID token', () => {
    let tokens: UserPoolTokens;
    beforeAll(async () => { tokens = await srpSignIn(); });

    test('the ID token carries the group, the department and the web client as audience', () => {
      const claims = decodeJwtPayload(tokens.idToken);
      expect(claims).toMatchObject({ 'token_use': 'id', 'aud': config.webClientId, 'custom:department': 'finance' });
      expect(claims['cognito:groups']).toContain('finance');
      // With email sign-in the username is a generated id (USER_ID_FOR_SRP), not the email.
      expect(claims['cognito:username']).toMatch(/^[0-9a-f-]{36}$/);
      // The Logins key the flow sends to the identity pool is the token's issuer without https://.
      expect(claims.iss).toBe(`https://${userPoolProviderName(config.userPoolId)}`);
    });

    test('GetId gives a <region>:<uuid> identity id and GetCredentialsForIdentity echoes it back', async () => {
      const logins = userPoolLogins(config.userPoolId, tokens.idToken);
      const identityId = await getIdentityId(identityPools, config.identityPoolId, logins);
      expect(identityId).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const result = await getCredentialsForIdentity(identityPools, identityId, logins);
      expect(result.identityId).toBe(identityId);
      // moto's stub credentials: they prove the response is parsed, not what the role may do.
      expect(result.credentials).toMatchObject({
        accessKeyId: expect.any(String),
        secretAccessKey: expect.any(String),
        sessionToken: expect.any(String),
      });
      expect(result.credentials.expiration).toBeInstanceOf(Date);
    });

    test('moto limitation: its GetId returns a new identity id on every call', async () => {
      // Real Cognito returns the same identity id for the same login (that is what makes
      // ${cognito-identity.amazonaws.com:sub} a stable per-user prefix); moto 5.2.1 draws a
      // random one per call, so the stability cannot be shown here. If this test fails, moto
      // now models it: replace it with `expect(second).toBe(first)`.
      const logins = userPoolLogins(config.userPoolId, tokens.idToken);
      const first = await getIdentityId(identityPools, config.identityPoolId, logins);
      const second = await getIdentityId(identityPools, config.identityPoolId, logins);
      expect(second).not.toBe(first);
    });
  });

  test('the whole flow: SRP + TOTP, identity, signed API call verified with the returned keys, S3 put/get in the user\'s area', async () => {
    // GIVEN a local API endpoint that trusts moto's credentials, as IAM trusts the role session
    const api = new SigV4Endpoint();
    const apiUrl = `${await api.start()}/prod/`;
    try {
      const probe = await getCredentialsForIdentity(identityPools, `${REGION}:00000000-0000-0000-0000-000000000000`, {});
      api.trust(probe.credentials.accessKeyId, probe.credentials.secretAccessKey);

      // WHEN the flow runs with the configuration file's values
      const result = await runFlow({ config, username: USERNAME, password: PASSWORD, totpSecret, endpoint: server.endpoint, apiUrl, apiPath: 'whoami' });

      // THEN the API call was signed with the returned temporary credentials
      expect(result.api?.status).toBe(200);
      const { verification, headers, request } = api.received[0];
      expect(verification.valid).toBe(true);
      expect(request.target).toBe('/prod/whoami');
      expect(headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${result.credentials.accessKeyId}/\\d{8}/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$`));
      expect(headers['x-amz-security-token']).toBe(result.credentials.sessionToken);
      // AND the object went to departments/<department>/users/<identity id>/ (moto's S3
      // accepts any credentials: this shows the key layout, not that the role allows it)
      const key = `departments/finance/users/${result.identityId}/hello.txt`;
      expect(result.s3).toMatchObject({ bucket: BUCKET, key });
      const stored = await adminS3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      expect(await stored.Body!.transformToString()).toBe(result.s3!.readBack);
      expect(result.s3!.readBack).toContain(result.identityId);
    } finally {
      await api.stop();
    }
  });
});
