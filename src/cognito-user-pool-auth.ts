import { Annotations, Arn, ArnFormat, CfnResource, Duration, RemovalPolicy, SecretValue, Stack, Token, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeInlinePolicies } from './private/identity-pool-nag';
import { USER_POOL_DEFAULTS } from './private/user-pool-defaults';
import { createIdentityProviders } from './private/user-pool-federation';
import {
  logicalIdSuffix, sanitizeLogicalId, validateCognitoName, validateCustomAttributes, validateCustomDomainName, validateDomainPrefix,
  validateGroupCount, validateGroupName, validateGroupPrecedence, validateLogicalId, validateMfaFactors, validateRedirectUrl,
  validateRedirectUrlCount, validateResourceServer, resourceServerNameFrom, validateProviderNames,
} from './private/user-pool-validation';

/** Every standard attribute a user may edit; no custom attribute (see `webClientWriteAttributes`). */
const STANDARD_ATTRIBUTES_ONLY = new cognito.ClientAttributes().withStandardAttributes({
  address: true,
  birthdate: true,
  email: true,
  familyName: true,
  gender: true,
  givenName: true,
  locale: true,
  middleName: true,
  fullname: true,
  nickname: true,
  phoneNumber: true,
  profilePicture: true,
  preferredUsername: true,
  profilePage: true,
  timezone: true,
  lastUpdateTime: true,
});
/**
 * A user-pool group to create.
 */
export interface UserPoolGroupSpec {
  /**
   * The group name, as it appears in the `cognito:groups` claim.
   *
   * 1-128 characters: letters, marks, symbols, digits or punctuation, no whitespace.
   */
  readonly name: string;
  /**
   * A description of the group.
   * @default - no description
   */
  readonly description?: string;
  /**
   * The group's precedence: when a user is in several groups with roles, the lowest number wins.
   *
   * An integer from 0 to 2147483647.
   * @default - no precedence
   */
  readonly precedence?: number;
}

/**
 * Options for `CognitoUserPoolAuth.addGroup`.
 */
export interface AddGroupOptions {
  /**
   * A description of the group.
   * @default - no description
   */
  readonly description?: string;
  /**
   * The group's precedence: when a user is in several groups with roles, the lowest number wins.
   *
   * An integer from 0 to 2147483647.
   * @default - no precedence
   */
  readonly precedence?: number;
}

/**
 * Sign in with Google.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/google.html
 */
export interface GoogleProviderSpec {
  /** The OAuth client id from the Google Cloud console. */
  readonly clientId: string;
  /** The OAuth client secret, e.g. `SecretValue.secretsManager('google-client-secret')`. */
  readonly clientSecretValue: SecretValue;
  /**
   * The scopes requested from Google.
   * @default ['openid', 'email', 'profile']
   */
  readonly scopes?: string[];
  /**
   * How Google attributes map to user-pool attributes.
   * @default - email, email_verified, given_name and family_name
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * Sign in with Facebook.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/facebook.html
 */
export interface FacebookProviderSpec {
  /** The Facebook app id. */
  readonly clientId: string;
  /** The Facebook app secret, e.g. `SecretValue.secretsManager('facebook-app-secret')`. */
  readonly clientSecretValue: SecretValue;
  /**
   * The scopes requested from Facebook.
   * @default ['public_profile', 'email']
   */
  readonly scopes?: string[];
  /**
   * The Facebook Graph API version.
   * @default - the version aws-cdk-lib chooses
   */
  readonly apiVersion?: string;
  /**
   * How Facebook attributes map to user-pool attributes.
   * @default - email, first_name and last_name
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * Login with Amazon.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon.html
 */
export interface AmazonProviderSpec {
  /** The Login with Amazon client id. */
  readonly clientId: string;
  /** The Login with Amazon client secret. */
  readonly clientSecretValue: SecretValue;
  /**
   * The scopes requested from Amazon.
   * @default ['profile']
   */
  readonly scopes?: string[];
  /**
   * How Amazon attributes map to user-pool attributes.
   * @default - email and name
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * Sign in with Apple.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/apple.html
 */
export interface AppleProviderSpec {
  /** The Apple services id (the OAuth client id). */
  readonly servicesId: string;
  /** The Apple developer team id. */
  readonly teamId: string;
  /** The id of the Apple private key. */
  readonly keyId: string;
  /** The Apple private key (PEM), e.g. `SecretValue.secretsManager('apple-private-key')`. */
  readonly privateKeyValue: SecretValue;
  /**
   * The scopes requested from Apple.
   * @default ['name', 'email']
   */
  readonly scopes?: string[];
  /**
   * How Apple attributes map to user-pool attributes.
   * @default - email, email_verified, firstName and lastName
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * A generic OpenID Connect provider (Okta, Auth0, Entra ID, Keycloak...).
 */
export interface OidcProviderSpec {
  /** The provider name shown on the hosted UI and used in `identity_provider=`; 3-32 characters. */
  readonly name: string;
  /** The OIDC client id. */
  readonly clientId: string;
  /** The OIDC client secret. */
  readonly clientSecretValue: SecretValue;
  /** The issuer URL, https (its `/.well-known/openid-configuration` must be reachable). */
  readonly issuerUrl: string;
  /**
   * The scopes requested from the provider.
   * @default ['openid', 'email', 'profile']
   */
  readonly scopes?: string[];
  /**
   * Identifiers (e.g. email domains) that route a user to this provider.
   * @default - none
   */
  readonly identifiers?: string[];
  /**
   * How Cognito calls the userInfo endpoint.
   * @default cognito.OidcAttributeRequestMethod.GET
   */
  readonly attributeRequestMethod?: cognito.OidcAttributeRequestMethod;
  /**
   * Explicit endpoints, when the issuer has no discovery document.
   * @default - discovered from the issuer URL
   */
  readonly endpoints?: cognito.OidcEndpoints;
  /**
   * How OIDC claims map to user-pool attributes.
   * @default - email and email_verified
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * A SAML 2.0 identity provider.
 */
export interface SamlProviderSpec {
  /** The provider name shown on the hosted UI and used in `identity_provider=`; 3-32 characters. */
  readonly name: string;
  /** The IdP metadata: `cognito.UserPoolIdentityProviderSamlMetadata.url(...)` or `.file(...)`. */
  readonly metadata: cognito.UserPoolIdentityProviderSamlMetadata;
  /**
   * Identifiers (e.g. email domains) that route a user to this provider.
   * @default - none
   */
  readonly identifiers?: string[];
  /**
   * Whether signing out of the user pool also signs out of the IdP.
   * @default false
   */
  readonly idpSignout?: boolean;
  /**
   * Whether the IdP encrypts SAML assertions.
   * @default false
   */
  readonly encryptedResponses?: boolean;
  /**
   * The algorithm used to sign SAML requests.
   * @default - requests are not signed
   */
  readonly requestSigningAlgorithm?: cognito.SigningAlgorithm;
  /**
   * Whether IdP-initiated sign-in is accepted (weaker: no request to bind the response to).
   * @default false
   */
  readonly idpInitiated?: boolean;
  /**
   * How SAML attributes map to user-pool attributes.
   * @default - email from `http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress`
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * Properties of `CognitoUserPoolAuth`.
 *
 * Properties marked "immutable" cannot change after the pool exists: changing them makes
 * CloudFormation replace the pool (a new, empty pool; the old one is retained with its users).
 */
export interface CognitoUserPoolAuthProps {
  /**
   * The CloudFormation logical id of the user pool.
   *
   * The pool's logical id does not depend on the construct path, so moving the construct into
   * another construct never replaces the pool. To rename the construct id, set this to the
   * current logical id (`<old id>UserPool`). Child resources (clients, groups, domain, providers)
   * use it as their prefix.
   * @default - `${id}UserPool` with non-alphanumeric characters removed, fixed at creation
   */
  readonly userPoolLogicalId?: string;
  /**
   * The user pool name: 1-128 letters, digits, spaces and `+=,.@-`.
   * @default - generated by CloudFormation
   */
  readonly userPoolName?: string;
  /**
   * How users sign in. Immutable.
   * @default { email: true }
   */
  readonly signInAliases?: cognito.SignInAliases;
  /**
   * Whether user names and aliases are case sensitive. Immutable.
   * @default false
   */
  readonly signInCaseSensitive?: boolean;
  /**
   * Whether users may sign themselves up.
   * @default false
   */
  readonly selfSignUpEnabled?: boolean;
  /**
   * Attributes Cognito verifies by sending a code.
   * @default - email when email is a sign-in alias, phone when phone is
   */
  readonly autoVerify?: cognito.AutoVerifiedAttrs;
  /**
   * Attributes that keep their old value until the new one is verified.
   * @default - email, when email is verified
   */
  readonly keepOriginal?: cognito.KeepOriginalAttrs;
  /**
   * Verification message settings.
   * @default - Cognito's default code message
   */
  readonly userVerification?: cognito.UserVerificationConfig;
  /**
   * Invitation message settings for users created by an administrator.
   * @default - Cognito's default invitation
   */
  readonly userInvitation?: cognito.UserInvitationConfig;
  /**
   * How users recover their account.
   * @default cognito.AccountRecovery.EMAIL_ONLY
   */
  readonly accountRecovery?: cognito.AccountRecovery;
  /**
   * The password policy. Given fields replace the matching defaults; the others keep them.
   * @default - 12 characters minimum, lowercase, uppercase, digits and symbols required, temporary passwords valid 3 days
   */
  readonly passwordPolicy?: cognito.PasswordPolicy;
  /**
   * Multi-factor authentication.
   * @default cognito.Mfa.REQUIRED
   */
  readonly mfa?: cognito.Mfa;
  /**
   * The second factors users may use. Email OTP needs `featurePlan` ESSENTIALS or PLUS and `email` through SES.
   * SMS creates an IAM role that lets Cognito publish through SNS (and costs per message).
   * @default { otp: true, sms: false, email: false }
   */
  readonly mfaSecondFactor?: cognito.MfaSecondFactor;
  /**
   * The feature plan (pricing tier).
   *
   * PLUS is needed for threat protection (compromised credentials, adaptive authentication)
   * and is what cdk-nag AwsSolutions-COG8 asks for; it costs more per monthly active user.
   * @default cognito.FeaturePlan.ESSENTIALS
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html
   */
  readonly featurePlan?: cognito.FeaturePlan;
  /**
   * Threat protection for standard authentication. Anything but NO_ENFORCEMENT needs `featurePlan` PLUS.
   * @default - FULL_FUNCTION with the PLUS plan, not set otherwise
   */
  readonly standardThreatProtectionMode?: cognito.StandardThreatProtectionMode;
  /**
   * Threat protection for custom authentication flows. Needs `featurePlan` PLUS.
   * @default - not set
   */
  readonly customThreatProtectionMode?: cognito.CustomThreatProtectionMode;
  /**
   * Whether the pool refuses to be deleted (also by CloudFormation).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * What happens to the pool when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Standard attributes. `required` is immutable; attributes mapped from identity providers must stay mutable.
   * @default { email: { required: true, mutable: true } }
   */
  readonly standardAttributes?: cognito.StandardAttributes;
  /**
   * Custom attributes, keyed by name without the `custom:` prefix (e.g. `department` becomes `custom:department`).
   *
   * At most 50, names of at most 20 characters. Custom attributes can never be removed or
   * renamed, and their type and `mutable` flag are immutable.
   * @default - none
   */
  readonly customAttributes?: { [name: string]: cognito.ICustomAttribute };
  /**
   * Lambda triggers.
   * @default - none
   */
  readonly lambdaTriggers?: cognito.UserPoolTriggers;
  /**
   * How the pool sends email: `cognito.UserPoolEmail.withCognito()` (50 emails a day) or `withSES(...)` for production.
   * @default - Cognito's email service
   */
  readonly email?: cognito.UserPoolEmail;
  /**
   * Device tracking.
   * @default - devices are not remembered
   */
  readonly deviceTracking?: cognito.DeviceTracking;
  /**
   * User-pool groups to create.
   * @default - no groups
   */
  readonly groups?: UserPoolGroupSpec[];
  /**
   * The web client's name: 1-128 letters, digits, spaces and `+=,.@-`.
   * @default - generated
   */
  readonly webClientName?: string;
  /**
   * The web client's explicit auth flows (refresh is always allowed).
   * @default { userSrp: true }
   */
  readonly webClientAuthFlows?: cognito.AuthFlow;
  /**
   * Where the hosted UI may redirect after sign-in: https, or http on localhost / 127.0.0.1;
   * no fragment (`#`), at most 100.
   * @default ['http://localhost:3000/'] (local development; set your app's URLs for production)
   */
  readonly callbackUrls?: string[];
  /**
   * Where the hosted UI may redirect after sign-out: https, or http on localhost / 127.0.0.1;
   * no fragment (`#`), at most 100.
   * @default ['http://localhost:3000/']
   */
  readonly logoutUrls?: string[];
  /**
   * The OAuth scopes the web client may request.
   * @default [OPENID, EMAIL, PROFILE]
   */
  readonly oAuthScopes?: cognito.OAuthScope[];
  /**
   * The attributes users may change about themselves through the web client.
   *
   * Custom attributes are not writable by default: one such as `custom:department` often decides
   * what a user may access (principal tags, ABAC), and a user who could edit it could move
   * themselves into another department. Administrators set them (AdminUpdateUserAttributes).
   *
   * @default - the standard attributes except the verified flags; no custom attribute
   */
  readonly webClientWriteAttributes?: cognito.ClientAttributes;
  /**
   * Validity of the web client's access tokens (5 minutes to 1 day).
   * @default Duration.minutes(60)
   */
  readonly accessTokenValidity?: Duration;
  /**
   * Validity of the web client's ID tokens (5 minutes to 1 day).
   * @default Duration.minutes(60)
   */
  readonly idTokenValidity?: Duration;
  /**
   * Validity of the web client's refresh tokens (60 minutes to 10 years).
   * @default Duration.days(30)
   */
  readonly refreshTokenValidity?: Duration;
  /**
   * A Cognito-hosted domain prefix for the hosted UI / managed login (`<prefix>.auth.<region>.amazoncognito.com`).
   *
   * Lowercase letters, digits and inner hyphens; must not contain `aws`, `amazon` or `cognito`.
   * @default - no domain, unless `customDomainName` is set
   */
  readonly domainPrefix?: string;
  /**
   * A custom domain for the hosted UI / managed login, lowercase, e.g. `auth.example.com`. Needs `customDomainCertificate`.
   * @default - no custom domain
   */
  readonly customDomainName?: string;
  /**
   * The ACM certificate of `customDomainName`; it must be in us-east-1 (Cognito serves the domain through CloudFront).
   * @default - none; required with `customDomainName`
   */
  readonly customDomainCertificate?: acm.ICertificate;
  /**
   * The hosted UI version of the domain. NEWER_MANAGED_LOGIN also needs a managed-login branding.
   * @default - the classic hosted UI
   */
  readonly managedLoginVersion?: cognito.ManagedLoginVersion;
  /**
   * Sign in with Google.
   * @default - not configured
   */
  readonly google?: GoogleProviderSpec;
  /**
   * Sign in with Facebook.
   * @default - not configured
   */
  readonly facebook?: FacebookProviderSpec;
  /**
   * Login with Amazon.
   * @default - not configured
   */
  readonly amazon?: AmazonProviderSpec;
  /**
   * Sign in with Apple.
   * @default - not configured
   */
  readonly apple?: AppleProviderSpec;
  /**
   * Generic OpenID Connect providers.
   * @default - none
   */
  readonly oidcProviders?: OidcProviderSpec[];
  /**
   * SAML providers.
   * @default - none
   */
  readonly samlProviders?: SamlProviderSpec[];
}

/**
 * Options for `CognitoUserPoolAuth.addServerClient`.
 */
export interface ServerClientOptions {
  /**
   * The client's name: 1-128 letters, digits, spaces and `+=,.@-`.
   * @default - generated
   */
  readonly userPoolClientName?: string;
  /**
   * Where the hosted UI may redirect after sign-in: https, or http on localhost / 127.0.0.1.
   * @default - the web client's callback URLs
   */
  readonly callbackUrls?: string[];
  /**
   * Where the hosted UI may redirect after sign-out.
   * @default - the web client's logout URLs
   */
  readonly logoutUrls?: string[];
  /**
   * The OAuth scopes the client may request.
   * @default [OPENID, EMAIL, PROFILE]
   */
  readonly oAuthScopes?: cognito.OAuthScope[];
  /**
   * Validity of access tokens.
   * @default Duration.minutes(60)
   */
  readonly accessTokenValidity?: Duration;
  /**
   * Validity of ID tokens.
   * @default Duration.minutes(60)
   */
  readonly idTokenValidity?: Duration;
  /**
   * Validity of refresh tokens.
   * @default Duration.days(30)
   */
  readonly refreshTokenValidity?: Duration;
}

/**
 * A custom scope of a machine client's resource server.
 */
export interface MachineClientScope {
  /** The scope name; the token carries `<identifier>/<name>`. */
  readonly name: string;
  /** What the scope allows. */
  readonly description: string;
}

/**
 * Options for `CognitoUserPoolAuth.addMachineClient`.
 */
export interface MachineClientOptions {
  /** The resource server identifier (e.g. `https://api.example.com` or `orders`); scopes are prefixed with it. */
  readonly identifier: string;
  /** The custom scopes the client is granted (at least one). */
  readonly scopes: MachineClientScope[];
  /**
   * The resource server's name (letters, digits, whitespace and `+=,.@-`).
   * @default - the identifier without its URL scheme, other characters replaced by '-'
   */
  readonly resourceServerName?: string;
  /**
   * The client's name: 1-128 letters, digits, spaces and `+=,.@-`.
   * @default - generated
   */
  readonly userPoolClientName?: string;
  /**
   * Validity of access tokens.
   * @default Duration.minutes(60)
   */
  readonly accessTokenValidity?: Duration;
}

/**
 * Options for `CognitoUserPoolAuth.tokenAuthorizer`.
 */
export interface TokenAuthorizerOptions {
  /**
   * The authorizer's name.
   * @default - the construct's unique id
   */
  readonly authorizerName?: string;
  /**
   * Where API Gateway reads the token.
   * @default 'method.request.header.Authorization'
   */
  readonly identitySource?: string;
  /**
   * How long API Gateway caches the authorizer's result.
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
}

// Logical ids taken by CognitoUserPoolAuth instances, per stack: two pools must never share one.
const takenLogicalIds = new WeakMap<Stack, Map<string, string>>();

/**
 * A Cognito user pool with secure defaults and everything around it.
 *
 * Creates the user pool (email sign-in, no self sign-up, MFA required with TOTP, strong
 * passwords, deletion protection and RETAIN), a public web client (SRP, refresh and the OAuth
 * authorization code grant, no secret), groups, an optional hosted UI domain and social,
 * OIDC and SAML providers wired into the clients. Confidential server clients and
 * machine-to-machine clients are added with `addServerClient` and `addMachineClient`.
 *
 * The user pool's logical id does not depend on the construct path (see `userPoolLogicalId`).
 */
export class CognitoUserPoolAuth extends Construct {
  /** The user pool. */
  public readonly userPool: cognito.UserPool;
  /**
   * The public web client: no secret, SRP and refresh, OAuth authorization code grant.
   *
   * Cognito verifies PKCE whenever the authorize request carries a `code_challenge`, but has no
   * setting that makes PKCE mandatory: use a client library that always sends it (Amplify does).
   */
  public readonly webClient: cognito.UserPoolClient;
  /** The hosted UI / managed login domain, when `domainPrefix` or `customDomainName` was given. */
  public readonly domain?: cognito.UserPoolDomain;
  /** The IAM role Cognito uses to send SMS, when SMS is used (SMS MFA, phone sign-in or verification). */
  public readonly smsRole?: iam.IRole;
  /** The CloudFormation logical id of the user pool. */
  public readonly userPoolLogicalId: string;
  /** The feature plan of the pool. */
  public readonly featurePlan: cognito.FeaturePlan;

  private readonly groupsByName = new Map<string, cognito.UserPoolGroup>();
  private readonly providers: cognito.IUserPoolIdentityProvider[] = [];
  private readonly _serverClients: cognito.UserPoolClient[] = [];
  private readonly _machineClients: cognito.UserPoolClient[] = [];
  private readonly _resourceServers = new Map<string, cognito.UserPoolResourceServer>();
  private readonly callbackUrls: string[];
  private readonly logoutUrls: string[];

  constructor(scope: Construct, id: string, props: CognitoUserPoolAuthProps = {}) {
    super(scope, id);
    const d = USER_POOL_DEFAULTS;

    this.userPoolLogicalId = props.userPoolLogicalId ?? `${sanitizeLogicalId(id)}UserPool`;
    validateLogicalId(this.userPoolLogicalId);

    const mfa = props.mfa ?? d.mfa;
    const mfaSecondFactor = props.mfaSecondFactor ?? d.mfaSecondFactor;
    validateMfaFactors(mfa, mfaSecondFactor);
    this.featurePlan = props.featurePlan ?? d.featurePlan;
    const standardThreatProtectionMode = this.threatProtection(props);
    if (mfa !== cognito.Mfa.OFF && mfaSecondFactor.email) this.validateEmailOtp(props);
    validateCustomAttributes(props.customAttributes ?? {});
    validateCognitoName('userPoolName', props.userPoolName);
    validateCognitoName('webClientName', props.webClientName);
    this.callbackUrls = props.callbackUrls ?? d.webClient.callbackUrls;
    this.logoutUrls = props.logoutUrls ?? d.webClient.logoutUrls;
    this.validateUrls(this.callbackUrls, this.logoutUrls);

    this.claimLogicalId();
    const signInAliases = props.signInAliases ?? d.signInAliases;
    // Same rule as aws-cdk-lib's default: verify the aliases users sign in with.
    const verifiesEmail = props.autoVerify ? props.autoVerify.email === true : signInAliases.email === true;
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: props.userPoolName,
      signInAliases,
      signInCaseSensitive: props.signInCaseSensitive ?? d.signInCaseSensitive,
      selfSignUpEnabled: props.selfSignUpEnabled ?? d.selfSignUpEnabled,
      autoVerify: props.autoVerify,
      keepOriginal: props.keepOriginal ?? (verifiesEmail ? { email: true } : undefined),
      userVerification: props.userVerification,
      userInvitation: props.userInvitation,
      accountRecovery: props.accountRecovery ?? d.accountRecovery,
      passwordPolicy: { ...d.passwordPolicy, ...props.passwordPolicy },
      mfa,
      mfaSecondFactor: mfa === cognito.Mfa.OFF ? undefined : mfaSecondFactor,
      featurePlan: this.featurePlan,
      standardThreatProtectionMode,
      customThreatProtectionMode: props.customThreatProtectionMode,
      deletionProtection: props.deletionProtection ?? d.deletionProtection,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      standardAttributes: props.standardAttributes ?? d.standardAttributes,
      customAttributes: props.customAttributes,
      lambdaTriggers: props.lambdaTriggers,
      email: props.email,
      deviceTracking: props.deviceTracking,
    });
    (this.userPool.node.defaultChild as cognito.CfnUserPool).overrideLogicalId(this.userPoolLogicalId);
    if (props.removalPolicy === RemovalPolicy.DESTROY && (props.deletionProtection ?? d.deletionProtection)) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:destroyWithDeletionProtection',
        'removalPolicy is DESTROY but deletion protection is on: deleting the pool will fail until deletionProtection is false; set deletionProtection: false as well (for test stacks only)');
    }
    this.smsRole = this.userPool.node.tryFindChild('smsRole') as iam.Role | undefined;
    this.acknowledgeNagFindings();

    validateProviderNames(props);
    for (const created of createIdentityProviders(this, this.userPool, props)) {
      this.stabilize(created.provider, created.logicalIdSuffix);
      this.providers.push(created.provider);
    }

    this.domain = this.createDomain(props);

    const webClientAuthFlows = props.webClientAuthFlows ?? { userSrp: true };
    if (webClientAuthFlows.userPassword || webClientAuthFlows.adminUserPassword) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:webClientPasswordFlow',
        'webClientAuthFlows enables a password flow on the public web client: the password leaves the browser (userPassword) or needs AWS credentials (adminUserPassword); prefer userSrp or user (choice-based sign-in)');
    }
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: props.webClientName,
      generateSecret: false,
      authFlows: webClientAuthFlows,
      writeAttributes: props.webClientWriteAttributes ?? STANDARD_ATTRIBUTES_ONLY,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        callbackUrls: this.callbackUrls,
        logoutUrls: this.logoutUrls,
        scopes: props.oAuthScopes ?? d.webClient.scopes,
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      supportedIdentityProviders: this.supportedProviders(),
      accessTokenValidity: props.accessTokenValidity ?? d.webClient.accessTokenValidity,
      idTokenValidity: props.idTokenValidity ?? d.webClient.idTokenValidity,
      refreshTokenValidity: props.refreshTokenValidity ?? d.webClient.refreshTokenValidity,
    });
    this.wireClient(this.webClient, 'WebClient');

    if ((this.providers.length > 0 || this.domain) && props.callbackUrls === undefined) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:localhostCallbacks',
        `the web client redirects only to ${this.callbackUrls.join(', ')} (the default): set callbackUrls and logoutUrls to your app's URLs`);
    }

    for (const group of props.groups ?? []) {
      this.addGroup(group.name, { description: group.description, precedence: group.precedence });
    }
  }

  /** The names of the groups defined so far, in the order they were added. */
  public get groupNames(): string[] {
    return [...this.groupsByName.keys()];
  }

  /** The identity providers of the pool (Google, Facebook, Amazon, Apple, OIDC, SAML), in creation order. */
  public get identityProviders(): cognito.IUserPoolIdentityProvider[] {
    return [...this.providers];
  }

  /** The confidential clients added with `addServerClient`. */
  public get serverClients(): cognito.UserPoolClient[] {
    return [...this._serverClients];
  }

  /** The machine-to-machine clients added with `addMachineClient`. */
  public get machineClients(): cognito.UserPoolClient[] {
    return [...this._machineClients];
  }

  /** The resource servers created by `addMachineClient`. */
  public get resourceServers(): cognito.UserPoolResourceServer[] {
    return [...this._resourceServers.values()];
  }

  /**
   * Adds a user-pool group.
   *
   * @param name the group name, as it appears in the `cognito:groups` claim
   * @returns the group
   */
  public addGroup(name: string, options: AddGroupOptions = {}): cognito.UserPoolGroup {
    validateGroupName(name);
    validateGroupPrecedence(name, options.precedence);
    if (this.groupsByName.has(name)) {
      throw new Error(`group '${name}' is already defined in ${this.node.path}; group names must be unique in a user pool, use group('${name}') to get the existing one`);
    }
    validateGroupCount(this.groupsByName.size, name);
    const suffix = logicalIdSuffix(name);
    const group = new cognito.UserPoolGroup(this, `Group${suffix}`, {
      userPool: this.userPool,
      groupName: name,
      description: options.description,
      precedence: options.precedence,
    });
    this.stabilize(group, `Group${suffix}`);
    this.groupsByName.set(name, group);
    return group;
  }

  /**
   * The group of this name.
   *
   * @throws if no group of this name was defined
   */
  public group(name: string): cognito.UserPoolGroup {
    const group = this.groupsByName.get(name);
    if (!group) {
      throw new Error(`no user-pool group named '${name}' in ${this.node.path} (groups: ${this.groupNames.join(', ') || 'none'}); add it with groups: [{ name: '${name}' }] or addGroup('${name}')`);
    }
    return group;
  }

  /** Whether a group of this name was defined. */
  public hasGroup(name: string): boolean {
    return this.groupsByName.has(name);
  }

  /**
   * Adds a confidential client (with a secret) for a server-side web app.
   *
   * It uses the OAuth authorization code grant and refresh tokens, supports the same identity
   * providers as the web client and keeps the secret out of the template (read it with
   * `client.userPoolClientSecret`, which creates a custom resource).
   */
  public addServerClient(id: string, options: ServerClientOptions = {}): cognito.UserPoolClient {
    const d = USER_POOL_DEFAULTS.webClient;
    const callbackUrls = options.callbackUrls ?? this.callbackUrls;
    const logoutUrls = options.logoutUrls ?? this.logoutUrls;
    this.validateUrls(callbackUrls, logoutUrls);
    validateCognitoName('userPoolClientName', options.userPoolClientName);
    const client = this.userPool.addClient(id, {
      userPoolClientName: options.userPoolClientName,
      generateSecret: true,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        callbackUrls,
        logoutUrls,
        scopes: options.oAuthScopes ?? d.scopes,
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      supportedIdentityProviders: this.supportedProviders(),
      accessTokenValidity: options.accessTokenValidity ?? d.accessTokenValidity,
      idTokenValidity: options.idTokenValidity ?? d.idTokenValidity,
      refreshTokenValidity: options.refreshTokenValidity ?? d.refreshTokenValidity,
    });
    // Only the code grant and refresh: no direct password flows for a server-side client.
    (client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
    this.wireClient(client, logicalIdSuffix(id));
    this._serverClients.push(client);
    return client;
  }

  /**
   * Adds a machine-to-machine client: the OAuth client-credentials grant, with a secret, for a
   * resource server with custom scopes.
   *
   * The client-credentials grant is served by the token endpoint of the pool's domain, so set
   * `domainPrefix` or `customDomainName`.
   */
  public addMachineClient(id: string, options: MachineClientOptions): cognito.UserPoolClient {
    if (options.scopes.length === 0) {
      throw new Error(`machine client '${id}' has no scopes: the client-credentials grant needs at least one custom scope; pass scopes: [{ name: 'read', description: 'Read access' }]`);
    }
    validateResourceServer(id, options.identifier, options.scopes.map((s) => s.name));
    validateCognitoName('resourceServerName', options.resourceServerName, 256);
    validateCognitoName('userPoolClientName', options.userPoolClientName);
    if (this._resourceServers.has(options.identifier)) {
      throw new Error(`a resource server with identifier '${options.identifier}' already exists in ${this.node.path}; use a different identifier for machine client '${id}'`);
    }
    if (!this.domain) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:machineClientWithoutDomain',
        `machine client '${id}' uses the client-credentials grant, which needs the token endpoint of a domain: set domainPrefix or customDomainName`);
    }
    const scopes = options.scopes.map((s) => new cognito.ResourceServerScope({ scopeName: s.name, scopeDescription: s.description }));
    const server = this.userPool.addResourceServer(`${id}ResourceServer`, {
      identifier: options.identifier,
      userPoolResourceServerName: options.resourceServerName ?? resourceServerNameFrom(options.identifier),
      scopes,
    });
    this.stabilize(server, `${logicalIdSuffix(id)}ResourceServer`);
    const client = this.userPool.addClient(id, {
      userPoolClientName: options.userPoolClientName,
      generateSecret: true,
      oAuth: {
        flows: { clientCredentials: true },
        scopes: scopes.map((s) => cognito.OAuthScope.resourceServer(server, s)),
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: options.accessTokenValidity ?? USER_POOL_DEFAULTS.machineClient.accessTokenValidity,
    });
    // No user flows at all: the client only exchanges its secret for an access token.
    (client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
    this.stabilize(client, logicalIdSuffix(id));
    this._resourceServers.set(options.identifier, server);
    this._machineClients.push(client);
    return client;
  }

  /**
   * An API Gateway authorizer that accepts this pool's JWTs (ID or access tokens).
   *
   * For REST APIs that trust user-pool tokens directly instead of IAM (SigV4) credentials from an identity pool.
   */
  public tokenAuthorizer(scope: Construct, id: string, options: TokenAuthorizerOptions = {}): apigateway.CognitoUserPoolsAuthorizer {
    return new apigateway.CognitoUserPoolsAuthorizer(scope, id, {
      cognitoUserPools: [this.userPool],
      authorizerName: options.authorizerName,
      identitySource: options.identitySource,
      resultsCacheTtl: options.resultsCacheTtl,
    });
  }

  private claimLogicalId(): void {
    const stack = Stack.of(this);
    let taken = takenLogicalIds.get(stack);
    if (!taken) {
      taken = new Map();
      takenLogicalIds.set(stack, taken);
    }
    const owner = taken.get(this.userPoolLogicalId);
    if (owner !== undefined) {
      throw new Error(`user pool logical id '${this.userPoolLogicalId}' of ${this.node.path} is already used by ${owner} in stack ${stack.stackName}; give one of them a distinct userPoolLogicalId (e.g. '${this.userPoolLogicalId}2') or a different construct id`);
    }
    taken.set(this.userPoolLogicalId, this.node.path);
  }

  private threatProtection(props: CognitoUserPoolAuthProps): cognito.StandardThreatProtectionMode | undefined {
    const standard = props.standardThreatProtectionMode;
    if (this.featurePlan !== cognito.FeaturePlan.PLUS) {
      if (standard !== undefined && standard !== cognito.StandardThreatProtectionMode.NO_ENFORCEMENT) {
        throw new Error(`standardThreatProtectionMode ${standard} needs featurePlan: cognito.FeaturePlan.PLUS, got featurePlan ${this.featurePlan}; set featurePlan to PLUS (billed per monthly active user) or remove standardThreatProtectionMode`);
      }
      if (props.customThreatProtectionMode !== undefined) {
        throw new Error(`customThreatProtectionMode ${props.customThreatProtectionMode} needs featurePlan: cognito.FeaturePlan.PLUS, got featurePlan ${this.featurePlan}; set featurePlan to PLUS or remove customThreatProtectionMode`);
      }
      return standard;
    }
    if (standard === cognito.StandardThreatProtectionMode.NO_ENFORCEMENT) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:plusWithoutThreatProtection',
        'featurePlan is PLUS but standardThreatProtectionMode is NO_ENFORCEMENT: you pay for threat protection without using it; use AUDIT_ONLY or FULL_FUNCTION');
    }
    return standard ?? USER_POOL_DEFAULTS.plusThreatProtection;
  }

  private validateEmailOtp(props: CognitoUserPoolAuthProps): void {
    if (this.featurePlan === cognito.FeaturePlan.LITE) {
      throw new Error(`email OTP MFA (mfaSecondFactor.email) needs featurePlan ESSENTIALS or PLUS, got ${this.featurePlan}; set featurePlan: cognito.FeaturePlan.ESSENTIALS or use otp instead`);
    }
    const sending = props.email?._bind(this).emailSendingAccount;
    if (sending !== 'DEVELOPER') {
      throw new Error(`email OTP MFA (mfaSecondFactor.email) needs email sent through Amazon SES, got ${props.email ? 'the Cognito email service' : 'no email setting (Cognito email service)'}; set email: cognito.UserPoolEmail.withSES({ fromEmail: ... })`);
    }
  }

  private validateUrls(callbackUrls: string[], logoutUrls: string[]): void {
    if (callbackUrls.length === 0) {
      throw new Error('callbackUrls must not be empty: the authorization code grant redirects to one of them; pass your app URL, e.g. [\'https://app.example.com/\']');
    }
    validateRedirectUrlCount('callbackUrls', callbackUrls);
    validateRedirectUrlCount('logoutUrls', logoutUrls);
    for (const url of callbackUrls) validateRedirectUrl('callback URL', url);
    for (const url of logoutUrls) validateRedirectUrl('logout URL', url);
  }

  private createDomain(props: CognitoUserPoolAuthProps): cognito.UserPoolDomain | undefined {
    if (props.domainPrefix !== undefined && props.customDomainName !== undefined) {
      throw new Error(`set either domainPrefix ('${props.domainPrefix}') or customDomainName ('${props.customDomainName}'), not both: a user pool has one hosted UI domain of each kind, and this construct manages one`);
    }
    if ((props.customDomainName === undefined) !== (props.customDomainCertificate === undefined)) {
      throw new Error(`customDomainName and customDomainCertificate go together, got ${props.customDomainName === undefined ? 'a certificate without customDomainName' : `customDomainName '${props.customDomainName}' without a certificate`}; pass both (an ACM certificate in us-east-1 for the domain)`);
    }
    let domain: cognito.UserPoolDomain | undefined;
    if (props.domainPrefix !== undefined) {
      validateDomainPrefix(props.domainPrefix);
      domain = this.userPool.addDomain('Domain', {
        cognitoDomain: { domainPrefix: props.domainPrefix },
        managedLoginVersion: props.managedLoginVersion,
      });
    } else if (props.customDomainName !== undefined && props.customDomainCertificate !== undefined) {
      validateCustomDomainName(props.customDomainName);
      const region = certificateRegion(props.customDomainCertificate);
      if (region !== undefined && region !== 'us-east-1') {
        throw new Error(`customDomainCertificate must be an ACM certificate in us-east-1 (Cognito serves custom domains through CloudFront), got one in '${region}'; create it in us-east-1, e.g. with a separate stack and crossRegionReferences`);
      }
      domain = this.userPool.addDomain('Domain', {
        customDomain: { domainName: props.customDomainName, certificate: props.customDomainCertificate },
        managedLoginVersion: props.managedLoginVersion,
      });
    }
    if (domain) this.stabilize(domain, 'Domain');
    return domain;
  }

  private supportedProviders(): cognito.UserPoolClientIdentityProvider[] {
    return [
      cognito.UserPoolClientIdentityProvider.COGNITO,
      ...this.providers.map((p) => cognito.UserPoolClientIdentityProvider.custom(p.providerName)),
    ];
  }

  // The client names providers by a literal name, so CloudFormation would not order them.
  private wireClient(client: cognito.UserPoolClient, suffix: string): void {
    for (const provider of this.providers) client.node.addDependency(provider);
    this.stabilize(client, suffix);
  }

  // Children take the pool's logical id as prefix, so moving the construct replaces none of them.
  private stabilize(resource: Construct, suffix: string): void {
    (resource.node.defaultChild as CfnResource).overrideLogicalId(`${this.userPoolLogicalId}${suffix}`);
  }

  private acknowledgeNagFindings(): void {
    if (this.featurePlan !== cognito.FeaturePlan.PLUS) {
      Validations.of(this.userPool.node.defaultChild as cognito.CfnUserPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: `featurePlan ${this.featurePlan} was chosen (the Cognito default, cheaper per MAU): threat protection needs PLUS, set featurePlan: cognito.FeaturePlan.PLUS to enable it`,
      });
    }
    if (this.smsRole) {
      Validations.of(this.smsRole).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'sns:Publish to phone numbers has no resource ARN to scope to; the role is assumable only by Cognito with this pool\'s external id',
      });
      acknowledgeInlinePolicies(this.smsRole, 'aws-cdk-lib\'s UserPool gives its SMS role a single inline sns:Publish statement, used only by Cognito with this pool\'s external id; the permission belongs to this role alone and is deleted with it');
    }
  }
}

// The region in the certificate's ARN, or undefined when it is only known at deploy time.
function certificateRegion(certificate: acm.ICertificate): string | undefined {
  const arn = certificate.certificateArn;
  if (Token.isUnresolved(arn)) return undefined;
  const region = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).region;
  return region === undefined || Token.isUnresolved(region) ? undefined : region;
}
