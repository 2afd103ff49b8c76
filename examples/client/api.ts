/**
 * Calls the IAM-authorized API with a SigV4 signature (service `execute-api`) made from the
 * identity pool credentials. API Gateway checks the signature and the role's
 * `execute-api:Invoke` permission, then passes the caller's identity id to the integration.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { TemporaryCredentials } from './identity';

/** A request to sign. */
export interface ApiRequest {
  /** The full URL: the API's base URL joined with the route, query string included. */
  readonly url: string;
  /** @default 'GET' */
  readonly method?: string;
  /** A JSON or text body, sent as given. */
  readonly body?: string;
  /** @default 'application/json' when there is a body */
  readonly contentType?: string;
  readonly credentials: TemporaryCredentials;
  /** The API's region (the signature's scope). */
  readonly region: string;
  /** The signing time; fixed only in tests. @default now */
  readonly signingDate?: Date;
}

/** A signed request, ready to send byte for byte. */
export interface SignedApiRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** A response. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** Joins an API base URL (stage URL) and a route without doubling or losing the slash. */
export function joinUrl(baseUrl: string, route: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${route.replace(/^\/+/, '')}`;
}

/** Signs a request for API Gateway (SigV4, service execute-api). */
export async function signApiRequest(request: ApiRequest): Promise<SignedApiRequest> {
  const url = new URL(request.url);
  const method = (request.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = { host: url.host };
  if (request.body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const previous = query[key];
    query[key] = previous === undefined ? value : ([] as string[]).concat(previous, value);
  }
  // applyChecksum off: API Gateway needs no x-amz-content-sha256 header (the payload hash is
  // still part of the canonical request, so the body is covered by the signature).
  const signer = new SignatureV4({ service: 'execute-api', region: request.region, credentials: request.credentials, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(new HttpRequest({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers,
    body: request.body,
  }), { signingDate: request.signingDate });
  return { url: request.url, method, headers: signed.headers, body: request.body };
}

/** Sends a signed request exactly as signed (node:http, so no header is rewritten). */
export function sendSignedRequest(request: SignedApiRequest, timeoutMs = 30_000): Promise<ApiResponse> {
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method: request.method, headers: request.headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${request.method} ${request.url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** Signs and sends. */
export async function callApi(request: ApiRequest): Promise<ApiResponse> {
  return sendSignedRequest(await signApiRequest(request));
}
