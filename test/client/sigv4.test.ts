/**
 * The client's SigV4-signed API call, checked by an independent verifier (sigv4-verifier.ts:
 * canonical request and signature recomputed with node:crypto, not the SDK signer) on a local
 * endpoint; tampered requests must fail, so the checker is shown able to fail.
 */
import { SigV4Endpoint } from './sigv4-verifier';
import { callApi, joinUrl, sendSignedRequest, signApiRequest, SignedApiRequest } from '../../examples/client/api';
import { TemporaryCredentials } from '../../examples/client/identity';

const REGION = 'us-east-1';
const STATIC_CREDENTIALS: TemporaryCredentials = {
  accessKeyId: 'ASIAEXAMPLEKEY000001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//session+token=',
};

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

  test('paths and queries that need encoding verify (path segments encoded twice, query once)', async () => {
    const signed = await signApiRequest({
      url: joinUrl(baseUrl, "prod/items/a%20b/caf%C3%A9/it's?x=a%2Fb&x=1&empty="),
      credentials: STATIC_CREDENTIALS,
      region: REGION,
      signingDate: new Date(Date.UTC(2026, 10, 22, 1, 2, 3)),
    });
    expect((await sendSignedRequest(signed)).status).toBe(200);
    const lines = endpoint.received[0].verification.canonicalRequest!.split('\n');
    expect(lines[1]).toBe('/prod/items/a%2520b/caf%25C3%25A9/it%27s');
    expect(lines[2]).toBe('empty=&x=1&x=a%2Fb');
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
