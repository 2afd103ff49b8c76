/**
 * The hand-written baseline: a user pool, its web client and groups, and an identity pool with
 * an authenticated role and a role per group (token-based mapping), in plain aws-cdk-lib.
 *
 * It defines the same resources with the same settings as CognitoUserPoolAuth +
 * FederatedIdentityPool do by default, as a careful user would write them by hand, so the
 * benchmark compares the library against the cost of the same template without it.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Options of the baseline. */
export interface PlainAuthProps {
  /** User-pool groups; each gets a role when `identityPool` is on. */
  readonly groups: string[];
  /** Define the identity pool, its authenticated role and the group roles. */
  readonly identityPool?: boolean;
  /** The groups that get a role of their own (default: every group). */
  readonly groupRoles?: string[];
  /** Custom attributes of the user pool (e.g. department). */
  readonly customAttributes?: { [name: string]: cognito.ICustomAttribute };
  /** The web client's OAuth callback and logout URLs. */
  readonly callbackUrls?: string[];
  readonly logoutUrls?: string[];
  /** Session tag -> token claim, for principal tags (ABAC). */
  readonly principalTags?: { [tag: string]: string };
}

/** User pool + client + groups (+ identity pool, roles, mapping) in plain aws-cdk-lib. */
export class PlainAuth extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly webClient: cognito.UserPoolClient;
  public readonly groups: { [name: string]: cognito.CfnUserPoolGroup } = {};
  public readonly identityPool?: cognito.CfnIdentityPool;
  public readonly authenticatedRole?: iam.Role;
  public readonly groupRoles: { [name: string]: iam.Role } = {};

  constructor(scope: Construct, id: string, props: PlainAuthProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      selfSignUpEnabled: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      customAttributes: props.customAttributes,
    });
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: props.callbackUrls ?? ['http://localhost:3000/'],
        logoutUrls: props.logoutUrls ?? ['http://localhost:3000/'],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.days(30),
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    });

    if (props.identityPool) {
      const pool = new cognito.CfnIdentityPool(this, 'IdentityPool', {
        allowUnauthenticatedIdentities: false,
        allowClassicFlow: false,
        cognitoIdentityProviders: [{
          clientId: this.webClient.userPoolClientId,
          providerName: this.userPool.userPoolProviderName,
          serverSideTokenCheck: true,
        }],
      });
      pool.applyRemovalPolicy(RemovalPolicy.RETAIN);
      this.identityPool = pool;
      const tags = props.principalTags !== undefined && Object.keys(props.principalTags).length > 0;
      const trustedRole = (roleId: string, description: string) => {
        const principal = new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com', {
          'StringEquals': { 'cognito-identity.amazonaws.com:aud': pool.ref },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        });
        return new iam.Role(this, roleId, {
          description,
          assumedBy: tags ? principal.withSessionTags() : principal,
        });
      };
      this.authenticatedRole = trustedRole('AuthenticatedRole', 'Default role of authenticated identities of this identity pool');
      for (const name of props.groupRoles ?? props.groups) {
        this.groupRoles[name] = trustedRole(`GroupRole${name}`, `Role of the user-pool group ${name}`);
      }
      new cognito.CfnIdentityPoolRoleAttachment(this, 'RoleAttachment', {
        identityPoolId: pool.ref,
        roles: { authenticated: this.authenticatedRole.roleArn },
        roleMappings: {
          provider0: {
            type: 'Token',
            ambiguousRoleResolution: 'AuthenticatedRole',
            identityProvider: `${this.userPool.userPoolProviderName}:${this.webClient.userPoolClientId}`,
          },
        },
      });
      if (tags) {
        new cognito.CfnIdentityPoolPrincipalTag(this, 'PrincipalTags', {
          identityPoolId: pool.ref,
          identityProviderName: this.userPool.userPoolProviderName,
          principalTags: props.principalTags,
          useDefaults: false,
        });
      }
    }

    for (const name of props.groups) {
      this.groups[name] = new cognito.CfnUserPoolGroup(this, `Group${name}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: name,
        description: `The ${name} department`,
        roleArn: this.groupRoles[name]?.roleArn,
      });
    }
  }

  /** The identity pool's id (undefined without the identity pool). */
  public get identityPoolId(): string | undefined {
    return this.identityPool?.ref;
  }
}
