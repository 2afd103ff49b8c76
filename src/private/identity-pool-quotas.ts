import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/** Hard Cognito quotas on identity pools; CloudFormation accepts more and fails at deploy. */
export const MAX_RULES_PER_PROVIDER = 25;
/** Providers of one identity pool that may have a role mapping. */
export const MAX_PROVIDERS_WITH_MAPPINGS = 10;
/** Principal-tag mappings per provider (and STS session tags per session). */
export const MAX_PRINCIPAL_TAGS_PER_PROVIDER = 50;

/** STS session tag keys: 1-128 of these characters, and never the reserved `aws:` prefix. */
export const SESSION_TAG_KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
/** Claim names mapped to tags: 1-256 characters valid in a tag value. */
export const CLAIM_NAME_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;

/** Throws when a session tag key cannot be used with STS. Tokens are checked at deploy time. */
export function checkSessionTagKey(tag: string): void {
  if (Token.isUnresolved(tag)) return;
  if (!SESSION_TAG_KEY_PATTERN.test(tag)) {
    throw new Error(`principal tag key must match ^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$ (STS session tag keys), got '${tag}' (${[...tag].length} characters); use a shorter key made of letters, digits, spaces and _.:/=+-@`);
  }
  if (tag.toLowerCase().startsWith('aws:')) {
    throw new Error(`principal tag key must not start with the reserved prefix 'aws:', got '${tag}'; pick another key, e.g. '${tag.slice(4) || 'tag'}'`);
  }
}

/** Throws when a token claim name cannot be mapped to a session tag. Tokens are skipped. */
export function checkClaimName(tag: string, claim: string): void {
  if (Token.isUnresolved(claim)) return;
  if (!CLAIM_NAME_PATTERN.test(claim)) {
    throw new Error(`the claim mapped to principal tag '${tag}' must match ^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}$, got '${claim}' (${[...claim].length} characters); name a token claim such as 'sub' or 'custom:department'`);
  }
}

/** Throws when a provider has more principal tags than STS accepts in one session. */
export function checkPrincipalTagCount(provider: string, count: number): void {
  if (count > MAX_PRINCIPAL_TAGS_PER_PROVIDER) {
    throw new Error(`provider '${provider}' would map ${count} principal tags, more than the limit of ${MAX_PRINCIPAL_TAGS_PER_PROVIDER} session tags per session; map fewer claims`);
  }
}

/** Throws when a rule-based mapping has more rules than Cognito accepts. */
export function checkRuleCount(provider: string, count: number): void {
  if (count > MAX_RULES_PER_PROVIDER) {
    throw new Error(`provider '${provider}' has ${count} role-mapping rules, more than the Cognito limit of ${MAX_RULES_PER_PROVIDER} per provider; merge rules (e.g. map a claim to a principal tag and use ABAC) or use token-based mapping with group roles`);
  }
}

/** Cognito's rule for the claim of a mapping rule: 1-64 letters, marks, symbols, digits or punctuation. */
const RULE_CLAIM_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,64}$/u;
/** Longest value a mapping rule compares a claim with. */
export const MAX_RULE_VALUE_LENGTH = 128;

/** Throws when a mapping rule's claim or value is one Cognito refuses at deploy time. Tokens are skipped. */
export function checkRuleClaims(provider: string, rules: { readonly claim: string; readonly value: string }[]): void {
  rules.forEach(({ claim, value }, i) => {
    if (!Token.isUnresolved(claim) && !RULE_CLAIM_PATTERN.test(claim)) {
      throw new Error(`rule ${i + 1} of the role mapping of provider '${provider}' has claim '${claim}' (${[...claim].length} characters), but a claim must match ^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,64}$; name a token claim such as 'cognito:groups' or 'custom:department'`);
    }
    if (!Token.isUnresolved(value) && (value.length === 0 || value.length > MAX_RULE_VALUE_LENGTH)) {
      throw new Error(`rule ${i + 1} of the role mapping of provider '${provider}' compares claim '${claim}' with a value of ${value.length} characters, but Cognito accepts 1-${MAX_RULE_VALUE_LENGTH}; use a shorter value (e.g. with MappingMatchType.STARTS_WITH)`);
    }
  });
}

/**
 * Throws unless a stack output's logical id is alphanumeric, as CloudFormation requires. A token
 * is refused too: a logical id is fixed at synth time.
 */
export function checkOutputName(name: string): void {
  if (Token.isUnresolved(name) || !/^[A-Za-z0-9]{1,255}$/.test(name)) {
    throw new Error(`clientConfig.outputName must be alphanumeric (a CloudFormation output logical id, ^[A-Za-z0-9]{1,255}$), got '${name}'; use e.g. '${name.replace(/[^A-Za-z0-9]/g, '') || 'ClientConfig'}'`);
  }
}

/** Throws when more providers have a role mapping than Cognito accepts. */
export function checkMappedProviderCount(providers: string[]): void {
  if (providers.length > MAX_PROVIDERS_WITH_MAPPINGS) {
    throw new Error(`${providers.length} providers have role mappings, more than the Cognito limit of ${MAX_PROVIDERS_WITH_MAPPINGS} per identity pool (${providers.join(', ')}); remove the mapping of the last one`);
  }
}

/** IAM customer managed policy documents: 6,144 characters, whitespace not counted. */
export const MAX_MANAGED_POLICY_CHARS = 6144;

/**
 * Throws when a shared policy would exceed the managed-policy size quota. The size is estimated
 * as deployed: each reference counts as the length of the value it deploys to (an ARN, an id),
 * not as the length of its CloudFormation intrinsic, which is about twice as long.
 */
export function checkManagedPolicySize(policy: string, statements: iam.PolicyStatement[], scope: IConstruct): void {
  const stack = Stack.of(scope);
  // {"Version":"2012-10-17","Statement":[...]} around the statements, commas between them.
  let size = 39 + Math.max(statements.length - 1, 0);
  for (const statement of statements) size += deployedJsonLength(stack.resolve(statement.toStatementJson()));
  if (size > MAX_MANAGED_POLICY_CHARS) {
    throw new Error(`${policy} would be about ${size} characters, more than the IAM limit of ${MAX_MANAGED_POLICY_CHARS} for a managed policy; grant fewer, broader statements (e.g. one statement with a \${aws:PrincipalTag/...} ARN instead of one per resource), or grant per group role`);
  }
}

/** Deployed lengths of the values references resolve to, generous where they vary. */
const PSEUDO_LENGTHS: { [name: string]: number } = {
  'AWS::AccountId': 12,
  'AWS::Region': 14,
  'AWS::Partition': 10,
  'AWS::URLSuffix': 16,
};
const REF_LENGTH = 64; // resource names and ids: bucket names are at most 63 characters
const GETATT_LENGTH = 128; // ARNs of roles, buckets, keys, functions

/** The JSON length of a resolved value once CloudFormation has substituted its references. */
export function deployedJsonLength(value: unknown): number {
  return JSON.stringify(value === undefined ? null : value).length + intrinsicDelta(value);
}

/** How much longer (negative: shorter) the deployed JSON is than the intrinsic's JSON. */
function intrinsicDelta(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + intrinsicDelta(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  const obj = value as { [key: string]: any };
  const keys = Object.keys(obj);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Fn::GetAtt' || keys[0] === 'Fn::Join')) {
    // The intrinsic object becomes a JSON string of its deployed text: 2 quotes + the text.
    return 2 + deployedTextLength(obj) - JSON.stringify(obj).length;
  }
  return keys.reduce((sum, key) => sum + intrinsicDelta(obj[key]), 0);
}

function deployedTextLength(value: any): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  if (value && typeof value === 'object') {
    if ('Ref' in value) return PSEUDO_LENGTHS[value.Ref] ?? REF_LENGTH;
    if ('Fn::GetAtt' in value) return GETATT_LENGTH;
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'] as [string, any[]];
      return parts.reduce((sum: number, part) => sum + deployedTextLength(part), 0) + separator.length * Math.max(parts.length - 1, 0);
    }
  }
  return JSON.stringify(value ?? null).length;
}
