import { Token } from 'aws-cdk-lib';
import { SESSION_TAG_KEY_PATTERN } from './private/identity-pool-quotas';

/**
 * IAM policy variables and condition keys for credentials issued by a Cognito identity pool.
 *
 * Use them in the resources and conditions of statements granted to identity-pool roles, so
 * that one statement gives each identity (or each department tag) its own slice of a resource.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export class PolicyVariables {
  /**
   * The identity id of the caller (`us-east-1:1234abcd-...`), stable for a user across sessions.
   *
   * Resolved by IAM at request time; use it in resource ARNs and condition values.
   */
  public static readonly IDENTITY_ID = '${cognito-identity.amazonaws.com:sub}';

  /**
   * The condition key holding the caller's identity id.
   */
  public static readonly IDENTITY_ID_KEY = 'cognito-identity.amazonaws.com:sub';

  /**
   * The condition key holding the identity pool id the credentials were issued for.
   *
   * Trust policies pin it with `StringEquals` so a role cannot be assumed through another pool.
   */
  public static readonly IDENTITY_POOL_ID_KEY = 'cognito-identity.amazonaws.com:aud';

  /**
   * The condition key holding the authentication methods (`authenticated` or `unauthenticated`,
   * then the provider names).
   *
   * It is multi-valued: test it with `ForAnyValue:StringLike`.
   */
  public static readonly AUTHENTICATION_METHODS_KEY = 'cognito-identity.amazonaws.com:amr';

  /**
   * The policy variable of a session tag set from a token claim (`${aws:PrincipalTag/<tag>}`).
   *
   * @param tag the session tag, as mapped with `FederatedIdentityPool.addPrincipalTag`
   */
  public static principalTag(tag: string): string {
    assertPolicyVariableName(tag, 'principal tag');
    return `\${aws:PrincipalTag/${tag}}`;
  }

  /**
   * The condition key of a session tag (`aws:PrincipalTag/<tag>`), for `Condition` blocks.
   *
   * @param tag the session tag
   */
  public static principalTagKey(tag: string): string {
    assertPolicyVariableName(tag, 'principal tag');
    return `aws:PrincipalTag/${tag}`;
  }

  private constructor() {}
}

/** Session tag keys allow these characters only; a `}` or `$` would also break the variable. */
function assertPolicyVariableName(name: string, what: string): void {
  if (Token.isUnresolved(name)) return;
  if (!SESSION_TAG_KEY_PATTERN.test(name)) {
    throw new Error(`${what} must match ^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$ (STS session tag keys), got '${name}'; use letters, digits, spaces and _.:/=+-@ only`);
  }
}
