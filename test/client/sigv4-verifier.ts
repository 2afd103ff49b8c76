/**
 * An independent SigV4 checker and a local HTTP endpoint that uses it, for the client-flow
 * test. It recomputes the canonical request, the string to sign and the signature from the
 * bytes it received, with node:crypto HMAC-SHA256 only (not the SDK signer the client uses),
 * following the AWS Signature Version 4 specification:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';

/** A request as received on the wire. */
export interface ReceivedRequest {
  readonly method: string;
  /** The request target exactly as sent (path and query, still percent-encoded). */
  readonly target: string;
  /** Header names and values in arrival order (node's rawHeaders). */
  readonly rawHeaders: string[];
  readonly body: Buffer;
}

/** The outcome of a verification, with every intermediate value for assertions. */
export interface Verification {
  readonly valid: boolean;
  /** Why the request is rejected (empty when valid). */
  readonly reason: string;
  readonly accessKeyId?: string;
  readonly credentialScope?: string;
  readonly signedHeaders?: string[];
  readonly canonicalRequest?: string;
  readonly stringToSign?: string;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ is percent-encoded (uppercase hex). */
export function rfc3986(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'))
    .map((byte) => /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

/**
 * Canonical URI for services other than S3: the path normalized (no empty, `.` or `..`
 * segments) and each segment of the as-sent (already encoded) path encoded once more.
 */
function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(rfc3986(segment));
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.join('/')}${trailing}`;
}

/** Canonical query: each name and value decoded then RFC 3986 encoded, sorted by name then value. */
function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, '%20'));
  return rawQuery.split('&').filter((p) => p !== '').map((pair) => {
    const i = pair.indexOf('=');
    const name = i < 0 ? pair : pair.slice(0, i);
    const value = i < 0 ? '' : pair.slice(i + 1);
    return [rfc3986(decode(name)), rfc3986(decode(value))];
  }).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([n, v]) => `${n}=${v}`).join('&');
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9\-;]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Verifies a SigV4-signed request.
 *
 * @param secretFor the secret access key of an access key id, or undefined when unknown
 * @param service the service the scope must name
 */
export function verifySigV4(request: ReceivedRequest, secretFor: (accessKeyId: string) => string | undefined, service = 'execute-api'): Verification {
  const headers = new Map<string, string[]>();
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i].toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), request.rawHeaders[i + 1]]);
  }
  const single = (name: string) => headers.get(name)?.join(',');
  const authorization = single('authorization');
  if (!authorization) return { valid: false, reason: 'no Authorization header' };
  const match = AUTHORIZATION.exec(authorization);
  if (!match) return { valid: false, reason: `malformed Authorization header: ${authorization}` };
  const [, accessKeyId, date, region, scopeService, signedHeaderList, signature] = match;
  const signedHeaders = signedHeaderList.split(';');
  const credentialScope = `${date}/${region}/${scopeService}/aws4_request`;
  const base = { accessKeyId, credentialScope, signedHeaders };
  if (scopeService !== service) return { ...base, valid: false, reason: `scope names service '${scopeService}', expected '${service}'` };
  const amzDate = single('x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) return { ...base, valid: false, reason: `X-Amz-Date missing or malformed: ${amzDate}` };
  if (!amzDate.startsWith(date)) return { ...base, valid: false, reason: `X-Amz-Date ${amzDate} is not on the scope date ${date}` };
  for (const required of ['host', 'x-amz-date', ...(headers.has('x-amz-security-token') ? ['x-amz-security-token'] : [])]) {
    if (!signedHeaders.includes(required)) return { ...base, valid: false, reason: `${required} is not a signed header` };
  }
  if ([...signedHeaders].sort().join(';') !== signedHeaderList) return { ...base, valid: false, reason: 'SignedHeaders are not sorted' };
  const secret = secretFor(accessKeyId);
  if (secret === undefined) return { ...base, valid: false, reason: `unknown access key id ${accessKeyId}` };

  const q = request.target.indexOf('?');
  const rawPath = q < 0 ? request.target : request.target.slice(0, q);
  const rawQuery = q < 0 ? '' : request.target.slice(q + 1);
  const canonicalHeaders = signedHeaders.map((name) => {
    const values = headers.get(name);
    if (values === undefined) return undefined;
    return `${name}:${values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`;
  });
  const missing = signedHeaders.filter((_, i) => canonicalHeaders[i] === undefined);
  if (missing.length > 0) return { ...base, valid: false, reason: `signed headers missing from the request: ${missing.join(', ')}` };

  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(rawPath),
    canonicalQuery(rawQuery),
    canonicalHeaders.join(''),
    signedHeaderList,
    sha256Hex(request.body),
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), scopeService), 'aws4_request');
  const expected = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest();
  const valid = timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  return { ...base, canonicalRequest, stringToSign, valid, reason: valid ? '' : 'signature does not match' };
}

/** One request the endpoint received, with its verification. */
export interface Received {
  readonly request: ReceivedRequest;
  readonly headers: http.IncomingHttpHeaders;
  readonly verification: Verification;
}

/**
 * A local HTTP endpoint on 127.0.0.1 standing in for API Gateway's SigV4 check: 200 with the
 * caller's access key id when the signature verifies, 403 otherwise.
 */
export class SigV4Endpoint {
  /** Every request received, in order. */
  public readonly received: Received[] = [];
  private readonly secrets = new Map<string, string>();
  private readonly server: http.Server;

  constructor(private readonly service = 'execute-api') {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request: ReceivedRequest = { method: req.method ?? '', target: req.url ?? '', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) };
        const verification = verifySigV4(request, (id) => this.secrets.get(id), this.service);
        this.received.push({ request, headers: req.headers, verification });
        res.writeHead(verification.valid ? 200 : 403, { 'content-type': 'application/json' });
        res.end(JSON.stringify(verification.valid ? { caller: verification.accessKeyId } : { message: verification.reason }));
      });
    });
  }

  /** Trusts a key pair (what IAM knows about the temporary credentials). */
  public trust(accessKeyId: string, secretAccessKey: string): void {
    this.secrets.set(accessKeyId, secretAccessKey);
  }

  /** Listens on a free port of 127.0.0.1; returns the base URL. */
  public start(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`));
    });
  }

  public stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
