import { flatten, flattenAll, isObject, wildcardMatches } from './intrinsics';
import { ConditionEntry, Statement, conditionsOf, grantsAction, isAllow, statementsOf } from './policies';
import { ResourceSnapshot } from './stack-model';

/** The web-identity action Cognito identity pools use to hand out role credentials. */
export const ASSUME_WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
/** The action a trust policy must allow for Cognito to pass principal tags as session tags. */
export const TAG_SESSION = 'sts:TagSession';
/** The identity pool id the token was issued for. */
export const AUD_KEY = 'cognito-identity.amazonaws.com:aud';
/** `authenticated` or `unauthenticated`, plus the login providers. */
export const AMR_KEY = 'cognito-identity.amazonaws.com:amr';

// `cognito-identity.amazonaws.com`, written literally or as `cognito-identity.${AWS::URLSuffix}`.
const COGNITO_IDENTITY_PRINCIPAL = /^cognito-identity\.amazonaws\.com(\.cn)?$/i;

/** Whether a role's trust policy lets a Cognito identity pool principal perform the action. */
export function cognitoTrustStatements(role: ResourceSnapshot, action: string = ASSUME_WEB_IDENTITY): Statement[] {
  if (role.type !== 'AWS::IAM::Role' || !role.properties) return [];
  const statements = statementsOf(role.properties.AssumeRolePolicyDocument) ?? [];
  return statements.filter((s) => isAllow(s) && trustsCognitoIdentity(s) && grantsAction(s, action) === true);
}

function trustsCognitoIdentity(statement: Statement): boolean {
  const principal = statement.Principal;
  if (!isObject(principal)) return false;
  return flattenAll(principal.Federated).some((p) => COGNITO_IDENTITY_PRINCIPAL.test(p));
}

function entriesFor(statement: Statement, key: string): ConditionEntry[] | undefined {
  return conditionsOf(statement)?.filter((c) => c.key === key);
}

const hasWildcard = (value: string) => /[*?]/.test(value);

/**
 * Whether the statement pins `cognito-identity.amazonaws.com:aud` to given identity pools:
 * `StringEquals` (or a `StringLike` without wildcards), never an `...IfExists` form, which
 * passes when the key is absent.
 *
 * @returns undefined when the conditions cannot be read.
 */
export function pinsAudience(statement: Statement): boolean | undefined {
  const entries = entriesFor(statement, AUD_KEY);
  if (entries === undefined) return undefined;
  return entries.some((c) => {
    const exact = c.operator === 'StringEquals' || c.operator === 'ForAnyValue:StringEquals';
    const like = c.operator === 'StringLike' || c.operator === 'ForAnyValue:StringLike';
    if (!exact && !like) return false;
    if (c.values.length === 0) return false;
    // A reference (the pool's Ref) is a pin; a literal must not be empty, nor a wildcard under StringLike.
    return c.values.every((v) => {
      const s = flatten(v);
      if (s === undefined) return true;
      return s !== '' && !(like && hasWildcard(s));
    });
  });
}

/**
 * Whether the statement restricts `cognito-identity.amazonaws.com:amr` with a `ForAnyValue:`
 * string operator (amr is a multi-valued key) to values other than a bare `*`.
 *
 * @returns undefined when the conditions cannot be read.
 */
export function pinsAmr(statement: Statement): boolean | undefined {
  const entries = entriesFor(statement, AMR_KEY);
  if (entries === undefined) return undefined;
  return entries.some((c) =>
    (c.operator === 'ForAnyValue:StringLike' || c.operator === 'ForAnyValue:StringEquals')
    && c.values.length > 0
    && c.values.every((v) => {
      const s = flatten(v);
      return s === undefined || !/^[*]+$/.test(s);
    }));
}

/**
 * Whether the amr condition of a statement lets an identity with this amr value through.
 *
 * @returns undefined when the statement has no `ForAnyValue:` amr condition that can be read
 */
function amrAdmits(statement: Statement, amr: string): boolean | undefined {
  const entries = (entriesFor(statement, AMR_KEY) ?? []).filter((c) => c.operator.startsWith('ForAnyValue:'));
  if (entries.length === 0) return undefined;
  return entries.every((c) => c.values.some((v) => {
    const s = flatten(v);
    if (s === undefined) return false;
    return c.operator.endsWith('StringLike') ? wildcardMatches(s, amr) : s.toLowerCase() === amr;
  }));
}

/** Whether the statement admits unauthenticated (guest) identities through its amr condition. */
export function admitsGuests(statement: Statement): boolean {
  return amrAdmits(statement, 'unauthenticated') === true;
}

/** Whether the statement may admit authenticated identities (it does when amr is not pinned). */
export function admitsAuthenticated(statement: Statement): boolean {
  return amrAdmits(statement, 'authenticated') !== false;
}

/** The flattened `aud` values a statement pins (references appear as `<Ref:Id>`). */
export function audienceValues(statement: Statement): string[] {
  return (entriesFor(statement, AUD_KEY) ?? []).flatMap((c) => c.values.map(flatten)).filter((v): v is string => v !== undefined);
}
