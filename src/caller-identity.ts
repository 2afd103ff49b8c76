// Runtime helper for API backends: keep this file free of imports so that a Lambda handler can
// load `cdk-cognito-access/lib/caller-identity` without pulling aws-cdk-lib into its bundle.

/**
 * The user-pool user behind an identity-pool identity, parsed from `cognitoAuthenticationProvider`.
 */
export interface UserPoolCaller {
  /** The user pool id, e.g. `us-east-1_aBcDeFgHi`. */
  readonly userPoolId: string;
  /** The user's `sub` in that user pool (the `sub` claim of their ID token). */
  readonly userSub: string;
  /** The provider name the identity pool knows the user pool by, e.g. `cognito-idp.us-east-1.amazonaws.com/us-east-1_aBcDeFgHi`. */
  readonly providerName: string;
  /** The region of the user pool, e.g. `us-east-1`. */
  readonly region: string;
}

// cognito-idp.<region>.<url suffix>/<pool id>:CognitoSignIn:<sub>; the suffix differs per partition.
const SIGN_IN_ENTRY = /^(cognito-idp\.([a-z0-9-]+)\.[a-z0-9.-]+\/(([a-z0-9-]+)_[0-9A-Za-z]+)):CognitoSignIn:([0-9A-Za-z-]+)$/;

/**
 * Helpers for the caller identity API Gateway hands to integrations of an `IamAuthorizedApi`.
 *
 * API Gateway fills `requestContext.identity` (Lambda proxy) or `$context.identity` (mapping
 * templates) with `cognitoIdentityId`, `cognitoIdentityPoolId`, `cognitoAuthenticationType`
 * (`authenticated` or `unauthenticated`) and `cognitoAuthenticationProvider`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
 */
export class CallerIdentity {
  /**
   * Parses `cognitoAuthenticationProvider` into the user pool id and the user's `sub`.
   *
   * For a user signed in through a user pool the value looks like
   * `cognito-idp.us-east-1.amazonaws.com/us-east-1_aBcDeFgHi,cognito-idp.us-east-1.amazonaws.com/us-east-1_aBcDeFgHi:CognitoSignIn:6f1c...`.
   * Returns `undefined` for guests (the value is empty or absent), for other providers
   * (social, SAML, OIDC, developer) and for any value that does not have this shape:
   * never trust a partial parse to identify a user.
   *
   * @param value the `cognitoAuthenticationProvider` value, as received
   */
  public static parseAuthenticationProvider(value?: string): UserPoolCaller | undefined {
    if (value === undefined || value === null || value.trim() === '') return undefined;
    for (const entry of value.split(',')) {
      const match = SIGN_IN_ENTRY.exec(entry.trim());
      // The pool id's region prefix must agree with the endpoint's region.
      if (match && match[2] === match[4]) {
        return { providerName: match[1], region: match[2], userPoolId: match[3], userSub: match[5] };
      }
    }
    return undefined;
  }

  /**
   * Whether the caller signed in (`cognitoAuthenticationType` is `authenticated`).
   *
   * Guests carry `unauthenticated`; callers that are not identity-pool identities (an IAM user,
   * a Lambda function given `grantInvoke`) carry no value.
   *
   * @param authenticationType the `cognitoAuthenticationType` value, as received
   */
  public static isAuthenticated(authenticationType?: string): boolean {
    return authenticationType === 'authenticated';
  }

  private constructor() {}
}
