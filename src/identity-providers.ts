import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * An identity provider of an identity pool, as named in role mappings and principal tags.
 *
 * Cognito names each provider differently in each place (a user pool is `<provider name>:<client
 * id>` in role mappings and `<provider name>` in principal tags): these factories get it right.
 */
export class IdentityProvider {
  /**
   * A user pool and one of its app clients.
   *
   * @param userPool the user pool
   * @param userPoolClient the app client whose tokens are exchanged
   */
  public static userPool(userPool: cognito.IUserPool, userPoolClient: cognito.IUserPoolClient): IdentityProvider {
    return new IdentityProvider(`${userPool.userPoolProviderName}:${userPoolClient.userPoolClientId}`, userPool.userPoolProviderName);
  }

  /** Google (`accounts.google.com`). */
  public static google(): IdentityProvider {
    return IdentityProvider.named(SocialProviderNames.GOOGLE);
  }

  /** Facebook (`graph.facebook.com`). */
  public static facebook(): IdentityProvider {
    return IdentityProvider.named(SocialProviderNames.FACEBOOK);
  }

  /** Login with Amazon (`www.amazon.com`). */
  public static amazon(): IdentityProvider {
    return IdentityProvider.named(SocialProviderNames.AMAZON);
  }

  /** Sign in with Apple (`appleid.apple.com`). */
  public static apple(): IdentityProvider {
    return IdentityProvider.named(SocialProviderNames.APPLE);
  }

  /** Twitter (`api.twitter.com`). */
  public static twitter(): IdentityProvider {
    return IdentityProvider.named(SocialProviderNames.TWITTER);
  }

  /**
   * An OpenID Connect provider registered in IAM, named by its issuer (without `https://`).
   *
   * @param provider the IAM OIDC provider
   */
  public static openIdConnect(provider: iam.IOidcProvider): IdentityProvider {
    return IdentityProvider.named(provider.openIdConnectProviderIssuer);
  }

  /**
   * A SAML provider registered in IAM, named by its ARN.
   *
   * @param provider the IAM SAML provider
   */
  public static saml(provider: iam.ISamlProvider): IdentityProvider {
    return IdentityProvider.named(provider.samlProviderArn);
  }

  /**
   * A provider by the exact name Cognito uses for it, for cases the other factories do not cover.
   *
   * @param name the provider name, used both in role mappings and in principal tags
   */
  public static named(name: string): IdentityProvider {
    return new IdentityProvider(name, name);
  }

  /**
   * The provider's name in role mappings (`IdentityProvider` of a `RoleMapping`).
   */
  public readonly mappingName: string;

  /**
   * The provider's name in principal-tag maps (`IdentityProviderName`).
   */
  public readonly principalTagName: string;

  private constructor(mappingName: string, principalTagName: string) {
    this.mappingName = mappingName;
    this.principalTagName = principalTagName;
  }
}

/** The names Cognito gives the social providers (keys of `SupportedLoginProviders`). */
export class SocialProviderNames {
  /** Google. */
  public static readonly GOOGLE = 'accounts.google.com';
  /** Facebook. */
  public static readonly FACEBOOK = 'graph.facebook.com';
  /** Login with Amazon. */
  public static readonly AMAZON = 'www.amazon.com';
  /** Sign in with Apple. */
  public static readonly APPLE = 'appleid.apple.com';
  /** Twitter. */
  public static readonly TWITTER = 'api.twitter.com';

  private constructor() {}
}
