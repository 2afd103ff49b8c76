/**
 * Loads the client configuration document that FederatedIdentityPool publishes as a stack
 * output (`clientConfig`): region, user pool id, web client id, identity pool id and the
 * entries the app added (apiUrl, bucket names...).
 */
import * as fs from 'node:fs';

/** The client configuration, as the flow needs it. */
export interface ClientConfig {
  readonly region: string;
  readonly identityPoolId: string;
  readonly userPoolId: string;
  /** The user pool app client the user signs in with (`webClientId`, or `userPoolClientId`). */
  readonly webClientId: string;
  /** The hosted UI / managed login base URL, when the pool has a domain. */
  readonly domain?: string;
  /** The base URL of the IAM-authorized API, when the app published one. */
  readonly apiUrl?: string;
  /** Every entry of the document, including bucket names and keys the flow does not know. */
  readonly entries: { readonly [key: string]: string };
}

const REQUIRED = ['region', 'identityPoolId', 'userPoolId'];

/**
 * Parses a client configuration from JSON text in any of these shapes:
 * - the document itself: `{ "region": ..., "identityPoolId": ..., ... }`;
 * - `cdk deploy --outputs-file` output: `{ "<stack>": { "<output>": "<document as a string>" } }`;
 * - one stack's outputs: `{ "<output>": "<document as a string>" }`.
 *
 * @param outputName pick this output when several outputs hold a client configuration
 */
export function parseClientConfig(text: string, outputName?: string): ClientConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`client configuration must be JSON, got a parse error: ${(e as Error).message}`);
  }
  const candidates = findDocuments(parsed, outputName);
  if (candidates.length === 0) {
    throw new Error(outputName !== undefined
      ? `no stack output named '${outputName}' holds a client configuration; check the name in your outputs file`
      : 'no client configuration found: expected a JSON object with region, identityPoolId and userPoolId, or a cdk outputs file holding one');
  }
  if (candidates.length > 1) {
    throw new Error(`${candidates.length} outputs hold a client configuration (${candidates.map((c) => c.name).join(', ')}); pick one with --output-name`);
  }
  return toClientConfig(candidates[0].document);
}

/** Reads and parses a client configuration file (see parseClientConfig). */
export function loadClientConfig(file: string, outputName?: string): ClientConfig {
  return parseClientConfig(fs.readFileSync(file, 'utf8'), outputName);
}

interface Candidate {
  readonly name: string;
  readonly document: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeConfig(value: unknown): value is Record<string, unknown> {
  return isObject(value) && typeof value.identityPoolId === 'string' && typeof value.region === 'string';
}

/** Finds the document at the top level, or as a JSON string one or two levels down. */
function findDocuments(root: unknown, outputName?: string): Candidate[] {
  if (outputName === undefined && looksLikeConfig(root)) return [{ name: '(document)', document: root }];
  const found: Candidate[] = [];
  const visit = (value: unknown, depth: number) => {
    if (!isObject(value) || depth > 2) return;
    for (const [name, child] of Object.entries(value)) {
      if (typeof child === 'string') {
        if (outputName !== undefined && name !== outputName) continue;
        const document = tryParse(child);
        if (looksLikeConfig(document)) found.push({ name, document });
      } else {
        visit(child, depth + 1);
      }
    }
  };
  visit(root, 1);
  return found;
}

function tryParse(text: string): unknown {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toClientConfig(document: Record<string, unknown>): ClientConfig {
  const entries: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(document)) {
    if (typeof value === 'string') entries[key] = value;
  }
  for (const key of REQUIRED) {
    if (!entries[key]) throw new Error(`client configuration has no '${key}'; publish it with FederatedIdentityPool's clientConfig and a userPoolAuth`);
  }
  const webClientId = entries.webClientId ?? entries.userPoolClientId;
  if (!webClientId) throw new Error("client configuration has no 'webClientId' (or 'userPoolClientId'); publish it with FederatedIdentityPool's clientConfig and a userPoolAuth");
  // Unresolved tokens or hand-edited files show up here, not as an opaque SDK error later.
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(entries.userPoolId)) {
    throw new Error(`client configuration userPoolId must look like '<region>_<id>', got '${entries.userPoolId}'; use the deployed stack's outputs`);
  }
  if (!/^[\w-]+:[0-9a-f-]+$/.test(entries.identityPoolId)) {
    throw new Error(`client configuration identityPoolId must look like '<region>:<uuid>', got '${entries.identityPoolId}'; use the deployed stack's outputs`);
  }
  return {
    region: entries.region,
    identityPoolId: entries.identityPoolId,
    userPoolId: entries.userPoolId,
    webClientId,
    domain: entries.domain,
    apiUrl: entries.apiUrl,
    entries,
  };
}
