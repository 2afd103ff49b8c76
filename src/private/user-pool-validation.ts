import { createHash } from 'crypto';
import { Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/** Cognito's hard quota of groups per user pool. */
export const MAX_GROUPS_PER_POOL = 10_000;
/** Cognito's hard quota of custom attributes per user pool. */
export const MAX_CUSTOM_ATTRIBUTES = 50;
/** Longest custom attribute name Cognito accepts (without the `custom:` prefix). */
export const MAX_CUSTOM_ATTRIBUTE_NAME_LENGTH = 20;
/** Largest group precedence Cognito accepts (2^31 - 1). */
export const MAX_GROUP_PRECEDENCE = 2_147_483_647;

const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito'];
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;
const ATTRIBUTE_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const LOGICAL_ID = /^[A-Za-z][A-Za-z0-9]{0,254}$/;
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Throws unless the Cognito domain prefix is valid. Tokens are not checked. */
export function validateDomainPrefix(prefix: string): void {
  if (Token.isUnresolved(prefix)) return;
  if (!DOMAIN_PREFIX.test(prefix)) {
    throw new Error(`domainPrefix must match ${DOMAIN_PREFIX.source} (lowercase letters, digits and inner hyphens, 1-63 characters), got '${prefix}'; use e.g. 'my-app-auth'`);
  }
  const reserved = RESERVED_DOMAIN_WORDS.find((word) => prefix.includes(word));
  if (reserved) {
    throw new Error(`domainPrefix must not contain the reserved words ${RESERVED_DOMAIN_WORDS.map((w) => `'${w}'`).join(', ')}, got '${prefix}' (contains '${reserved}'); choose a prefix without it`);
  }
}

/** Throws unless the group name is valid. Tokens are not checked. */
export function validateGroupName(name: string): void {
  if (Token.isUnresolved(name)) return;
  if (!GROUP_NAME.test(name)) {
    throw new Error(`group name must match ^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$ (1-128 letters, digits, punctuation or symbols, no whitespace), got '${name}'; use e.g. '${suggestGroupName(name)}'`);
  }
}

function suggestGroupName(name: string): string {
  const cleaned = name.replace(/\s+/gu, '-').slice(0, 128);
  return cleaned.length > 0 ? cleaned : 'my-group';
}

/** Throws unless the precedence is an integer in 0..2^31-1. Tokens are not checked. */
export function validateGroupPrecedence(groupName: string, precedence: number | undefined): void {
  if (precedence === undefined || Token.isUnresolved(precedence)) return;
  if (!Number.isInteger(precedence) || precedence < 0 || precedence > MAX_GROUP_PRECEDENCE) {
    throw new Error(`precedence of group '${groupName}' must be an integer from 0 to ${MAX_GROUP_PRECEDENCE}, got ${precedence}; lower numbers win, use e.g. 0 for the most privileged group`);
  }
}

/** Throws when one more group would pass the quota of groups per user pool. */
export function validateGroupCount(countBefore: number, name: string): void {
  if (countBefore >= MAX_GROUPS_PER_POOL) {
    throw new Error(`cannot add group '${name}': a user pool holds at most ${MAX_GROUPS_PER_POOL} groups (hard Cognito quota); map departments to a custom attribute and principal tags instead of one group each`);
  }
}

/**
 * Throws unless the URL is https, or http on a loopback host (local development), without a
 * fragment. Tokens are not checked.
 */
export function validateRedirectUrl(kind: string, url: string): void {
  if (Token.isUnresolved(url)) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${kind} must be an absolute URL, got '${url}'; use e.g. 'https://app.example.com/'`);
  }
  // Cognito rejects a redirect URI with a fragment at deploy time (RFC 6749, section 3.1.2).
  if (url.includes('#')) {
    throw new Error(`${kind} must not contain a fragment ('#...'): Cognito rejects it at deploy time, got '${url}'; use '${url.slice(0, url.indexOf('#'))}' and route in the app after the redirect`);
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.includes(parsed.hostname)) return;
  throw new Error(`${kind} must use https (http is only allowed for http://localhost and http://127.0.0.1), got '${url}'; use '${url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, 'https://')}'`);
}

/** Throws when a custom attribute name is too long or malformed, or when there are too many. */
export function validateCustomAttributes(attributes: { [name: string]: cognito.ICustomAttribute }): void {
  const names = Object.keys(attributes);
  if (names.length > MAX_CUSTOM_ATTRIBUTES) {
    throw new Error(`a user pool holds at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes (hard Cognito quota), got ${names.length}; keep related values in one attribute or in your own data store`);
  }
  for (const name of names) {
    if (name.startsWith('custom:')) {
      throw new Error(`custom attribute names are given without the 'custom:' prefix (Cognito adds it), got '${name}'; use '${name.slice('custom:'.length)}'`);
    }
    if (name.length === 0 || name.length > MAX_CUSTOM_ATTRIBUTE_NAME_LENGTH || !ATTRIBUTE_NAME.test(name)) {
      throw new Error(`custom attribute name must be 1-${MAX_CUSTOM_ATTRIBUTE_NAME_LENGTH} characters without whitespace, got '${name}' (${name.length} characters); use a shorter name such as '${name.replace(/\s+/g, '').slice(0, MAX_CUSTOM_ATTRIBUTE_NAME_LENGTH)}'`);
    }
  }
}

/** Throws when MFA is on or optional and no second factor is enabled. */
export function validateMfaFactors(mfa: cognito.Mfa, factors: cognito.MfaSecondFactor): void {
  if (mfa === cognito.Mfa.OFF) return;
  if (!factors.otp && !factors.sms && !factors.email) {
    const mode = mfa === cognito.Mfa.REQUIRED ? 'Mfa.REQUIRED' : 'Mfa.OPTIONAL';
    throw new Error(`mfa is ${mode} but mfaSecondFactor enables no factor (otp: false, sms: false, email: false); enable at least one, e.g. mfaSecondFactor: { otp: true, sms: false }`);
  }
}

/** Throws unless the logical id is a valid CloudFormation logical id. Tokens are not allowed. */
export function validateLogicalId(logicalId: string): void {
  if (Token.isUnresolved(logicalId) || !LOGICAL_ID.test(logicalId)) {
    throw new Error(`userPoolLogicalId must match ${LOGICAL_ID.source} (a CloudFormation logical id: a letter, then letters and digits, at most 255), got '${logicalId}'; use e.g. 'AuthUserPool'`);
  }
}

const COGNITO_NAME = /^[\w\s+=,.@-]+$/;

/**
 * Throws unless a user pool, app client or resource server name is what Cognito accepts
 * (`^[\w\s+=,.@-]+$`, 1 to `maxLength` characters). Undefined and tokens are not checked.
 */
export function validateCognitoName(prop: string, name: string | undefined, maxLength = 128): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  if (!COGNITO_NAME.test(name) || name.length > maxLength) {
    throw new Error(`${prop} must match ^[\\w\\s+=,.@-]+$ (1-${maxLength} letters, digits, spaces and +=,.@-), got '${name}' (${name.length} characters); use e.g. '${name.replace(/[^\w\s+=,.@-]/g, '-').slice(0, maxLength) || 'my-app'}'`);
  }
}

/** Cognito's quota of callback URLs and of logout URLs per app client. */
export const MAX_REDIRECT_URLS = 100;

/** Throws when an app client lists more redirect URLs than Cognito accepts. */
export function validateRedirectUrlCount(prop: string, urls: string[]): void {
  if (urls.length > MAX_REDIRECT_URLS) {
    throw new Error(`${prop} lists ${urls.length} URLs, more than Cognito's ${MAX_REDIRECT_URLS} per app client; keep the URLs your app really redirects to, or split the apps over several clients`);
  }
}

const CUSTOM_DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** Throws unless a custom domain is a lowercase fully qualified domain name. Tokens are not checked. */
export function validateCustomDomainName(domain: string): void {
  if (Token.isUnresolved(domain)) return;
  if (!CUSTOM_DOMAIN.test(domain)) {
    throw new Error(`customDomainName must be a lowercase fully qualified domain name (${CUSTOM_DOMAIN.source}), got '${domain}'; use e.g. 'auth.example.com'`);
  }
}

/** A CloudFormation-safe logical id fragment derived from any string (non-alphanumerics removed). */
export function sanitizeLogicalId(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9]/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `P${cleaned}`;
}

const RESOURCE_SERVER_IDENTIFIER = /^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/;
const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/;

/** Throws unless the resource server identifier and scope names are what Cognito accepts. Tokens are not checked. */
export function validateResourceServer(clientId: string, identifier: string, scopeNames: string[]): void {
  if (!Token.isUnresolved(identifier) && !RESOURCE_SERVER_IDENTIFIER.test(identifier)) {
    throw new Error(`resource server identifier of machine client '${clientId}' must be 1-256 printable ASCII characters without spaces, quotes or backslashes, got '${identifier}'; use e.g. 'https://api.example.com' or 'orders'`);
  }
  for (const name of scopeNames) {
    if (Token.isUnresolved(name)) continue;
    if (!SCOPE_NAME.test(name)) {
      throw new Error(`scope name of machine client '${clientId}' must be 1-256 printable ASCII characters without spaces, quotes, backslashes or '/', got '${name}'; use e.g. 'orders.read'`);
    }
  }
}

/** A resource server name Cognito accepts (^[\w\s+=,.@-]+$), derived from its identifier. */
export function resourceServerNameFrom(identifier: string): string {
  if (Token.isUnresolved(identifier)) return identifier;
  const name = identifier.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[^\w\s+=,.@-]/g, '-').slice(0, 256);
  return name.length > 0 ? name : 'resource-server';
}

/**
 * A logical id fragment for a name: the name itself when it is alphanumeric, otherwise its
 * alphanumeric characters plus a hash of the name, so that 'a-b' and 'ab' stay distinct.
 */
export function logicalIdSuffix(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9]/g, '');
  if (cleaned === name) return name;
  return `${cleaned}${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

// Provider names Cognito reserves for its own and the social providers.
const RESERVED_PROVIDER_NAMES = ['COGNITO', 'Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple'];

/** The OIDC and SAML providers of the props, by name (and issuer, for OIDC). */
export interface NamedProviders {
  readonly oidcProviders?: { readonly name: string; readonly issuerUrl?: string }[];
  readonly samlProviders?: { readonly name: string }[];
}

/**
 * Throws when two OIDC / SAML providers share a name, one takes a reserved name, or an OIDC
 * issuer is not https (Cognito refuses it at deploy time). Tokens are not checked.
 */
export function validateProviderNames(specs: NamedProviders): void {
  for (const { name, issuerUrl } of specs.oidcProviders ?? []) {
    if (issuerUrl === undefined || Token.isUnresolved(issuerUrl) || issuerUrl.startsWith('https://')) continue;
    throw new Error(`issuerUrl of OIDC provider '${name}' must start with https:// (Cognito fetches the discovery document over TLS only), got '${issuerUrl}'; use '${issuerUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, 'https://')}'`);
  }
  const seen = new Set<string>();
  const names = [...(specs.oidcProviders ?? []), ...(specs.samlProviders ?? [])].map((p) => p.name);
  for (const name of names) {
    if (Token.isUnresolved(name)) continue;
    if (RESERVED_PROVIDER_NAMES.includes(name)) {
      throw new Error(`identity provider name '${name}' is reserved by Cognito (${RESERVED_PROVIDER_NAMES.join(', ')}); use the google / facebook / amazon / apple props for those, or another name such as '${name}Oidc'`);
    }
    if (seen.has(name)) {
      throw new Error(`identity provider name '${name}' is used twice in oidcProviders / samlProviders; provider names must be unique in a user pool`);
    }
    seen.add(name);
  }
}
