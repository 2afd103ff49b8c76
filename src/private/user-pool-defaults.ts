import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/**
 * The defaults of CognitoUserPoolAuth, in one place so that docs, code and tests agree.
 * Each value is overridable by the matching prop.
 */
export const USER_POOL_DEFAULTS = {
  signInAliases: { email: true } as cognito.SignInAliases,
  signInCaseSensitive: false,
  selfSignUpEnabled: false,
  accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  // Satisfies AwsSolutions-COG1 with margin: NIST 800-63B favours length over rotation.
  passwordPolicy: {
    minLength: 12,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: true,
    tempPasswordValidity: Duration.days(3),
  } as cognito.PasswordPolicy,
  mfa: cognito.Mfa.REQUIRED,
  // TOTP only: SMS costs money, needs an SNS role and is phishable / SIM-swappable.
  mfaSecondFactor: { otp: true, sms: false, email: false } as cognito.MfaSecondFactor,
  // The Cognito default for new pools; PLUS (threat protection) is opt-in because it costs more per MAU.
  featurePlan: cognito.FeaturePlan.ESSENTIALS,
  // Applied only when featurePlan is PLUS: paying for PLUS without enforcing it would be pointless.
  plusThreatProtection: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
  deletionProtection: true,
  // Email must stay mutable so that federated sign-ins can update it from the provider.
  standardAttributes: { email: { required: true, mutable: true } } as cognito.StandardAttributes,
  webClient: {
    accessTokenValidity: Duration.minutes(60),
    idTokenValidity: Duration.minutes(60),
    refreshTokenValidity: Duration.days(30),
    callbackUrls: ['http://localhost:3000/'],
    logoutUrls: ['http://localhost:3000/'],
    scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
  },
  machineClient: {
    accessTokenValidity: Duration.minutes(60),
  },
};

/** The default attribute mapping of each social provider: the email, which the pool requires. */
export const DEFAULT_ATTRIBUTE_MAPPINGS = {
  google: {
    email: cognito.ProviderAttribute.GOOGLE_EMAIL,
    emailVerified: cognito.ProviderAttribute.GOOGLE_EMAIL_VERIFIED,
    givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME,
    familyName: cognito.ProviderAttribute.GOOGLE_FAMILY_NAME,
  } as cognito.AttributeMapping,
  facebook: {
    email: cognito.ProviderAttribute.FACEBOOK_EMAIL,
    givenName: cognito.ProviderAttribute.FACEBOOK_FIRST_NAME,
    familyName: cognito.ProviderAttribute.FACEBOOK_LAST_NAME,
  } as cognito.AttributeMapping,
  amazon: {
    email: cognito.ProviderAttribute.AMAZON_EMAIL,
    fullname: cognito.ProviderAttribute.AMAZON_NAME,
  } as cognito.AttributeMapping,
  apple: {
    email: cognito.ProviderAttribute.APPLE_EMAIL,
    emailVerified: cognito.ProviderAttribute.APPLE_EMAIL_VERIFIED,
    givenName: cognito.ProviderAttribute.APPLE_FIRST_NAME,
    familyName: cognito.ProviderAttribute.APPLE_LAST_NAME,
  } as cognito.AttributeMapping,
  oidc: {
    email: cognito.ProviderAttribute.other('email'),
    emailVerified: cognito.ProviderAttribute.other('email_verified'),
  } as cognito.AttributeMapping,
  saml: {
    email: cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'),
  } as cognito.AttributeMapping,
};

/** The default scopes requested from each provider: enough for the email mapping above. */
export const DEFAULT_PROVIDER_SCOPES = {
  google: ['openid', 'email', 'profile'],
  facebook: ['public_profile', 'email'],
  amazon: ['profile'],
  apple: ['name', 'email'],
  oidc: ['openid', 'email', 'profile'],
};
