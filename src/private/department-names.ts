import { Token } from 'aws-cdk-lib';

/**
 * A department name is used as a bucket tag value, a key prefix, a role tag value and a construct
 * id: lowercase letters, digits and inner hyphens keep it valid in all of them (and inside a
 * generated bucket name).
 */
export const DEPARTMENT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Cognito's rule for group names. */
const GROUP_NAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

/**
 * Throws when a department name cannot be a key prefix, tag value and bucket-name part.
 *
 * @param mustBeLiteral the name drives construct ids (bucket per department, group roles), so a
 *   token cannot be accepted there
 */
export function assertDepartmentName(name: string, mustBeLiteral: boolean): void {
  if (Token.isUnresolved(name)) {
    if (mustBeLiteral) {
      throw new Error(`department name must be a literal string when each department gets its own bucket or role (the name derives their logical ids), got the token '${name}'; use a plain string, or PREFIX_PER_DEPARTMENT with departmentAttribute`);
    }
    return;
  }
  if (!DEPARTMENT_NAME_PATTERN.test(name)) {
    throw new Error(`department name must match ${DEPARTMENT_NAME_PATTERN.source} (1-40 lowercase letters, digits and inner hyphens, usable as a key prefix, tag value and bucket-name part), got '${name}'; use '${suggestName(name)}'`);
  }
}

/** Throws when a group name is not a valid Cognito group name. */
export function assertGroupName(name: string, what: string): void {
  if (Token.isUnresolved(name)) return;
  if (!GROUP_NAME_PATTERN.test(name)) {
    throw new Error(`${what} must match ^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$ (Cognito's group name rule: no whitespace, 1-128 characters), got '${name}'; use a name without spaces such as '${name.trim().replace(/\s+/g, '-').slice(0, 128) || 'department'}'`);
  }
}

/** Throws on the first value that appears twice, naming the rule the duplicate breaks. */
export function assertUnique(values: string[], what: string, why: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (Token.isUnresolved(value)) continue;
    if (seen.has(value)) {
      throw new Error(`${what} '${value}' is declared twice; ${why}`);
    }
    seen.add(value);
  }
}

/** A close valid name, for the error message. */
function suggestName(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return cleaned || 'department';
}

/**
 * Throws when a CORS origin is not explicit: `*` (or any wildcard) would let every site drive a
 * signed-in user's browser against the buckets.
 */
export function assertCorsOrigins(origins: string[]): void {
  if (origins.length === 0) {
    throw new Error('cors.allowedOrigins must name at least one origin, got []; list the web app origins such as \'https://app.example.com\', or omit cors');
  }
  for (const origin of origins) {
    if (Token.isUnresolved(origin)) continue;
    if (!/^https?:\/\/[^/*\s]+$/.test(origin)) {
      throw new Error(`cors.allowedOrigins must hold explicit origins (scheme://host[:port], no wildcard, no path), got '${origin}'; use e.g. 'https://app.example.com'`);
    }
  }
}
