import { Annotations, CfnOutput, Lazy, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { CognitoUserPoolAuth } from './cognito-user-pool-auth';
import { IdentityProvider, SocialProviderNames } from './identity-providers';
import { AuthenticatedIdentitiesPrincipal } from './private/identity-pool-grantee';
import { cognitoIdentityIssuer } from './private/identity-pool-issuer';
import { providerKey } from './private/identity-pool-keys';
import { acknowledgeInlinePolicies, wildcardResourceFinding } from './private/identity-pool-nag';
import {
  checkClaimName, checkManagedPolicySize, checkMappedProviderCount, checkOutputName, checkPrincipalTagCount, checkRuleClaims, checkRuleCount,
  checkSessionTagKey,
} from './private/identity-pool-quotas';
import { IdentityPoolTrustPrincipal, TrustedIdentities } from './private/identity-pool-trust';

// The helpers this construct's API uses are part of the same public surface.
export * from './identity-providers';
export * from './policy-variables';

/** The session tags Cognito's default principal-tag mapping sets (`aud` and `sub`). */
const DEFAULT_PRINCIPAL_TAGS = ['client', 'username'];

/**
 * A user pool and app client whose ID tokens the identity pool accepts.
 */
export interface UserPoolProvider {
  /** The user pool. */
  readonly userPool: cognito.IUserPool;
  /** The app client the tokens are issued to. */
  readonly userPoolClient: cognito.IUserPoolClient;
  /**
   * Skip the server-side check that the token was not revoked (globally signed out users).
   *
   * @default false - Cognito checks every token with the user pool
   */
  readonly disableServerSideTokenCheck?: boolean;
}

/**
 * What Cognito does when a role mapping cannot pick a role.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 */
export enum AmbiguousRoleResolution {
  /** Give the authenticated role (the baseline permissions). */
  AUTHENTICATED_ROLE = 'AuthenticatedRole',
  /** Refuse credentials. */
  DENY = 'Deny',
}

/**
 * How a rule compares a claim with its value.
 */
export enum MappingMatchType {
  /** The claim equals the value. */
  EQUALS = 'Equals',
  /** The claim contains the value (e.g. a group in `cognito:groups`). */
  CONTAINS = 'Contains',
  /** The claim starts with the value. */
  STARTS_WITH = 'StartsWith',
  /** The claim differs from the value. */
  NOT_EQUAL = 'NotEqual',
}

/**
 * One rule of a rule-based role mapping: the first rule that matches picks the role.
 */
export interface RoleMappingRule {
  /** The token claim to test (1-64 characters, no whitespace), e.g. `custom:department` or `cognito:groups`. */
  readonly claim: string;
  /**
   * How the claim is compared with the value.
   *
   * @default MappingMatchType.EQUALS
   */
  readonly matchType?: MappingMatchType;
  /** The value to compare the claim with (1-128 characters). */
  readonly value: string;
  /**
   * The role to give. It must trust this identity pool: create it with `FederatedIdentityPool.addRole`.
   */
  readonly role: iam.IRole;
}

/**
 * A role mapping for one provider: token-based (without rules) or rule-based.
 */
export interface RoleMapping {
  /** The provider whose tokens are mapped. */
  readonly provider: IdentityProvider;
  /**
   * Rules tested in order (at most 25). Without rules the mapping is token-based: the token's
   * `cognito:preferred_role` / `cognito:roles` claims pick the role.
   *
   * @default - token-based mapping
   */
  readonly rules?: RoleMappingRule[];
  /**
   * What happens when no rule matches or the token names no single role.
   *
   * @default AmbiguousRoleResolution.AUTHENTICATED_ROLE
   */
  readonly ambiguousRoleResolution?: AmbiguousRoleResolution;
}

/**
 * Options of a role trusted by this pool's authenticated identities.
 */
export interface AuthenticatedRoleOptions {
  /**
   * A description of the role.
   *
   * @default - a description naming the identity pool
   */
  readonly description?: string;
}

/**
 * Options of `FederatedIdentityPool.addGroupRole`.
 */
export interface GroupRoleOptions {
  /**
   * A description of the role.
   *
   * @default - a description naming the group
   */
  readonly description?: string;
}

/**
 * Where to publish the client configuration document.
 */
export interface ClientConfigOptions {
  /**
   * The logical id of the stack output (its key in `cdk deploy --outputs-file`): letters and digits.
   *
   * @default - a logical id generated from the construct path
   */
  readonly outputName?: string;
  /**
   * An export name for the output, to import it from other stacks.
   *
   * @default - not exported
   */
  readonly exportName?: string;
  /**
   * The name of an SSM String parameter that also holds the document.
   *
   * @default - no parameter
   */
  readonly ssmParameterName?: string;
}

/**
 * Options of `FederatedIdentityPool.grantPerIdentityObjectAccess`.
 */
export interface PerIdentityObjectAccessOptions {
  /**
   * The key prefix under which each identity gets `<prefix><identity id>/`. Empty, or ending in `/`.
   *
   * @default 'private/'
   */
  readonly prefix?: string;
  /**
   * Only read and list, never write or delete.
   *
   * @default false
   */
  readonly readOnly?: boolean;
}

/**
 * Options of `FederatedIdentityPool.grantPerIdentityDynamoDbItems`.
 */
export interface PerIdentityItemsOptions {
  /**
   * Only read, never write or delete.
   *
   * @default false
   */
  readonly readOnly?: boolean;
}

/**
 * Properties of `FederatedIdentityPool`.
 */
export interface FederatedIdentityPoolProps {
  /**
   * The CloudFormation logical id of the identity pool.
   *
   * Identity ids live in the pool: replacing it gives every user a new identity id and orphans
   * their per-identity data. So the logical id does not depend on the construct path; to rename
   * the construct id, set this to the current logical id (`<old id>IdentityPool`).
   *
   * @default - `${id}IdentityPool` with non-alphanumeric characters removed
   */
  readonly identityPoolLogicalId?: string;
  /**
   * What happens to the identity pool when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * A name for the identity pool.
   *
   * @default - a name generated by CloudFormation
   */
  readonly identityPoolName?: string;
  /**
   * A user pool from this library: its web client becomes a provider, its groups can get roles.
   *
   * @default - no CognitoUserPoolAuth
   */
  readonly userPoolAuth?: CognitoUserPoolAuth;
  /**
   * Other user pools and clients whose ID tokens the pool accepts.
   *
   * @default - none
   */
  readonly userPools?: UserPoolProvider[];
  /**
   * The Google client id, to accept Google tokens.
   *
   * @default - Google not accepted
   */
  readonly google?: string;
  /**
   * The Facebook app id, to accept Facebook tokens.
   *
   * @default - Facebook not accepted
   */
  readonly facebook?: string;
  /**
   * The Login with Amazon app id, to accept Amazon tokens.
   *
   * @default - Amazon not accepted
   */
  readonly amazon?: string;
  /**
   * The Sign in with Apple services id, to accept Apple tokens.
   *
   * @default - Apple not accepted
   */
  readonly apple?: string;
  /**
   * The Twitter `consumerKey;consumerSecret` pair, to accept Twitter tokens.
   *
   * Cognito takes the secret in clear: it ends up in the template. Prefer OIDC providers.
   *
   * @default - Twitter not accepted
   */
  readonly twitter?: string;
  /**
   * OpenID Connect providers registered in IAM.
   *
   * @default - none
   */
  readonly openIdConnectProviders?: iam.IOidcProvider[];
  /**
   * SAML providers registered in IAM.
   *
   * @default - none
   */
  readonly samlProviders?: iam.ISamlProvider[];
  /**
   * The developer provider name, for identities your own backend authenticates.
   *
   * @default - no developer provider
   */
  readonly developerProviderName?: string;
  /**
   * Give credentials to guests (unauthenticated identities). Off, no guest role exists at all.
   *
   * @default false
   */
  readonly allowGuests?: boolean;
  /**
   * Allow the classic (basic) authflow, where the client picks any role the trust allows.
   *
   * It bypasses role mappings: with group roles, any user could take any group's role.
   *
   * @default false
   */
  readonly allowClassicFlow?: boolean;
  /**
   * Names of `userPoolAuth` groups that get their own role (see `addGroupRole`).
   *
   * @default - no group roles
   */
  readonly groupRoles?: string[];
  /**
   * What the token-based mapping of group roles does when a token names no single role.
   *
   * @default AmbiguousRoleResolution.AUTHENTICATED_ROLE
   */
  readonly ambiguousRoleResolution?: AmbiguousRoleResolution;
  /**
   * Role mappings for other providers (token-based or rule-based).
   *
   * @default - none
   */
  readonly roleMappings?: RoleMapping[];
  /**
   * Session tags set from token claims (tag -> claim) for the user-pool provider, for ABAC.
   *
   * @default - no principal tags
   */
  readonly principalTags?: { [tag: string]: string };
  /**
   * Use Cognito's default principal tags (`client` and `username`) for the user-pool provider.
   *
   * @default false
   */
  readonly useDefaultPrincipalTags?: boolean;
  /**
   * Publish a client configuration document (region, pool ids, client id, domain, and entries
   * added with `addClientConfig`).
   *
   * @default - not published
   */
  readonly clientConfig?: ClientConfigOptions;
}

/**
 * A Cognito identity pool that trades sign-in tokens for AWS credentials, with safe roles.
 *
 * The authenticated role trusts only authenticated identities of this pool; no guest role
 * exists unless guests are allowed; user-pool groups can get their own role (token-based
 * mapping) that keeps every permission of the authenticated baseline; claims can become
 * session tags for attribute-based access control.
 */
export class FederatedIdentityPool extends Construct {
  /** The identity pool (L1). */
  public readonly identityPool: cognito.CfnIdentityPool;
  /** The identity pool id (`region:uuid`). */
  public readonly identityPoolId: string;
  /** The role of authenticated identities that no mapping sends elsewhere. Starts with no permissions. */
  public readonly authenticatedRole: iam.Role;
  /** The role of guests; undefined when guests are off (then no guest role exists). */
  public readonly guestRole?: iam.Role;
  /** Whether guests get credentials. */
  public readonly guestsAllowed: boolean;
  /** The user pool from this library, when given. */
  public readonly userPoolAuth?: CognitoUserPoolAuth;
  /**
   * Every authenticated identity, whatever role it gets, as a grantee:
   * `bucket.grantRead(pool.authenticatedIdentities)` reaches the authenticated role and every
   * group role, present and future (through the shared baseline policy).
   */
  public readonly authenticatedIdentities: iam.IGrantable;
  /** The role attachment that holds the default roles and the role mappings (L1). */
  public readonly roleAttachment: cognito.CfnIdentityPoolRoleAttachment;
  /** The stack output holding the client configuration, when `clientConfig` was given. */
  public readonly clientConfigOutput?: CfnOutput;
  /** The SSM parameter holding the client configuration, when `clientConfig.ssmParameterName` was given. */
  public readonly clientConfigParameter?: ssm.StringParameter;

  private readonly issuer: string;
  private readonly ambiguousRoleResolution: AmbiguousRoleResolution;
  private readonly trustPrincipals: IdentityPoolTrustPrincipal[] = [];
  private readonly authenticatedRoles: iam.Role[] = [];
  private readonly groupRolesByName = new Map<string, iam.Role>();
  private readonly mappings = new Map<string, RoleMapping>();
  private readonly principalTagResources = new Map<string, cognito.CfnIdentityPoolPrincipalTag>();
  private readonly principalTagMaps = new Map<string, { [tag: string]: string }>();
  /** Role tags that decide access, by lower-case key (IAM compares tag keys case-insensitively). */
  private readonly reservedRoleTags = new Map<string, string>();
  private readonly userPoolProviders: cognito.CfnIdentityPool.CognitoIdentityProviderProperty[] = [];
  private readonly providerNames = new Set<string>();
  /** Every provider the pool accepts, as role mappings and principal tags name it. */
  private readonly acceptedProviders: IdentityProvider[] = [];
  private readonly clientConfigEntries: { [key: string]: string } = {};
  private baseline?: iam.ManagedPolicy;
  private perIdentity?: iam.ManagedPolicy;
  private readonly baselineStatements: iam.PolicyStatement[] = [];
  private readonly perIdentityStatements: iam.PolicyStatement[] = [];
  private groupRoleMapping = false;

  /**
   * Creates the identity pool, its authenticated role, and the guest role when guests are allowed.
   *
   * @param scope the parent construct
   * @param id the construct id; also the prefix of the identity pool's logical id
   * @param props providers, guests, group roles, mappings, principal tags and client configuration
   */
  constructor(scope: Construct, id: string, props: FederatedIdentityPoolProps = {}) {
    super(scope, id);
    this.issuer = cognitoIdentityIssuer(this);
    this.guestsAllowed = props.allowGuests ?? false;
    this.userPoolAuth = props.userPoolAuth;
    this.ambiguousRoleResolution = props.ambiguousRoleResolution ?? AmbiguousRoleResolution.AUTHENTICATED_ROLE;

    checkPattern('identityPoolName', props.identityPoolName, /^[\w\s+=,.@-]{1,128}$/, '^[\\w\\s+=,.@-]{1,128}$');
    checkPattern('developerProviderName', props.developerProviderName, /^[\w._-]{1,128}$/, '^[\\w._-]{1,128}$');
    const supportedLoginProviders = this.socialProviders(props);
    if (props.twitter !== undefined) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:twitterSecret',
        'the Twitter consumer secret is written in clear into the template (Cognito takes it as a plain string): prefer an OIDC provider, or keep the template private');
    }
    this.identityPool = new cognito.CfnIdentityPool(this, 'IdentityPool', {
      identityPoolName: props.identityPoolName,
      allowUnauthenticatedIdentities: this.guestsAllowed,
      allowClassicFlow: props.allowClassicFlow ?? false,
      cognitoIdentityProviders: Lazy.any({ produce: () => this.userPoolProviders }, { omitEmptyArray: true }),
      supportedLoginProviders: Object.keys(supportedLoginProviders).length > 0 ? supportedLoginProviders : undefined,
      openIdConnectProviderArns: this.uniqueArns('OIDC provider', (props.openIdConnectProviders ?? []).map((p) => p.openIdConnectProviderArn)),
      samlProviderArns: this.uniqueArns('SAML provider', (props.samlProviders ?? []).map((p) => p.samlProviderArn)),
      developerProviderName: props.developerProviderName,
    });
    this.acceptedProviders.push(
      ...(props.openIdConnectProviders ?? []).map((p) => IdentityProvider.openIdConnect(p)),
      ...(props.samlProviders ?? []).map((p) => IdentityProvider.saml(p)),
    );
    if (props.developerProviderName !== undefined) this.acceptedProviders.push(IdentityProvider.named(props.developerProviderName));
    this.node.addValidation({ validate: () => this.validateProviderReferences() });
    const poolLogicalId = props.identityPoolLogicalId ?? `${id.replace(/[^A-Za-z0-9]/g, '')}IdentityPool`;
    if (!/^[A-Za-z][A-Za-z0-9]{0,254}$/.test(poolLogicalId)) {
      throw new Error(`identityPoolLogicalId must match ^[A-Za-z][A-Za-z0-9]{0,254}$, got '${poolLogicalId}'; use letters and digits, starting with a letter`);
    }
    this.identityPool.overrideLogicalId(poolLogicalId);
    this.identityPool.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN);
    this.identityPoolId = this.identityPool.ref;

    this.authenticatedRole = this.addRole('AuthenticatedRole', {
      description: 'Default role of authenticated identities of this identity pool',
    });
    this.authenticatedIdentities = new AuthenticatedIdentitiesPrincipal(this.authenticatedRole, (statement) => this.addToBaseline(statement));
    if (this.guestsAllowed) {
      this.guestRole = this.newTrustedRole('GuestRole', TrustedIdentities.UNAUTHENTICATED, 'Role of guest (unauthenticated) identities of this identity pool');
      Annotations.of(this).addWarningV2('cdk-cognito-access:guestsAllowed',
        'guests (unauthenticated identities) get AWS credentials from this identity pool: grant the guest role only what anyone on the internet may do');
      Validations.of(this.identityPool).acknowledge({
        id: 'AwsSolutions-COG7',
        reason: 'Guest access was requested explicitly with allowGuests: true; the guest role starts with no permissions and is trusted only by unauthenticated identities of this pool',
      });
    }

    this.roleAttachment = new cognito.CfnIdentityPoolRoleAttachment(this, 'RoleAttachment', {
      identityPoolId: this.identityPoolId,
      roles: {
        authenticated: this.authenticatedRole.roleArn,
        ...(this.guestRole ? { unauthenticated: this.guestRole.roleArn } : {}),
      },
      roleMappings: Lazy.any({ produce: () => this.renderRoleMappings() }),
    });

    if (props.userPoolAuth) {
      this.addUserPoolProvider({ userPool: props.userPoolAuth.userPool, userPoolClient: props.userPoolAuth.webClient });
    }
    for (const provider of props.userPools ?? []) this.addUserPoolProvider(provider);
    for (const mapping of props.roleMappings ?? []) this.addRoleMapping(mapping);
    for (const group of props.groupRoles ?? []) this.addGroupRole(group);
    for (const [tag, claim] of Object.entries(props.principalTags ?? {})) this.addPrincipalTag(tag, claim);
    if (props.useDefaultPrincipalTags) this.useDefaultPrincipalTags(this.defaultTagProvider('useDefaultPrincipalTags'));
    if (props.allowClassicFlow) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:classicFlow',
        'the classic (basic) authflow lets a client assume any role that trusts this pool, bypassing role mappings: keep it off unless an old client needs it');
    }

    this.clientConfigEntries.region = Stack.of(this).region;
    this.clientConfigEntries.identityPoolId = this.identityPoolId;
    if (props.userPoolAuth) {
      this.clientConfigEntries.userPoolId = props.userPoolAuth.userPool.userPoolId;
      this.clientConfigEntries.webClientId = props.userPoolAuth.webClient.userPoolClientId;
      if (props.userPoolAuth.domain) this.clientConfigEntries.domain = props.userPoolAuth.domain.baseUrl();
    }
    if (props.clientConfig) {
      const document = Lazy.string({ produce: () => Stack.of(this).toJsonString(this.clientConfigEntries) });
      this.clientConfigOutput = new CfnOutput(this, 'ClientConfig', {
        value: document,
        description: 'Client configuration (JSON): region, user pool, web client, identity pool and more',
        exportName: props.clientConfig.exportName,
      });
      if (props.clientConfig.outputName !== undefined) {
        checkOutputName(props.clientConfig.outputName);
        this.clientConfigOutput.overrideLogicalId(props.clientConfig.outputName);
      }
      if (props.clientConfig.ssmParameterName !== undefined) {
        this.clientConfigParameter = new ssm.StringParameter(this, 'ClientConfigParameter', {
          parameterName: props.clientConfig.ssmParameterName,
          stringValue: document,
          description: 'Client configuration (JSON) of an identity pool',
        });
      }
    }
  }

  /** The names of the groups that have their own role, in the order they were added. */
  public get groupRoleNames(): string[] {
    return [...this.groupRolesByName.keys()];
  }

  /**
   * Accepts ID tokens of another user pool and app client.
   *
   * @param provider the user pool and client
   */
  public addUserPoolProvider(provider: UserPoolProvider): void {
    const accepted = IdentityProvider.userPool(provider.userPool, provider.userPoolClient);
    this.registerProvider(accepted.mappingName);
    this.acceptedProviders.push(accepted);
    this.userPoolProviders.push({
      providerName: provider.userPool.userPoolProviderName,
      clientId: provider.userPoolClient.userPoolClientId,
      serverSideTokenCheck: !(provider.disableServerSideTokenCheck ?? false),
    });
  }

  /**
   * Creates a role trusted by this pool's authenticated identities, with the authenticated
   * baseline. Use it as the target of rule-based mappings.
   *
   * @param id the construct id of the role
   * @param options role options
   */
  public addRole(id: string, options: AuthenticatedRoleOptions = {}): iam.Role {
    const role = this.newTrustedRole(id, TrustedIdentities.AUTHENTICATED,
      options.description ?? 'Role of authenticated identities of this identity pool');
    this.authenticatedRoles.push(role);
    this.baseline?.attachToRole(role);
    this.perIdentity?.attachToRole(role);
    return role;
  }

  /**
   * Gives a `userPoolAuth` group its own role, chosen by token-based mapping.
   *
   * The role has the same trust as the authenticated role and keeps the authenticated
   * baseline. It becomes the group's `RoleArn`; when a user is in several groups with roles,
   * the group precedence (lowest first) picks one.
   *
   * @param groupName the name of an existing group of `userPoolAuth`
   * @param options role options
   * @returns the group's role
   */
  public addGroupRole(groupName: string, options: GroupRoleOptions = {}): iam.Role {
    const auth = this.userPoolAuth;
    if (!auth) {
      throw new Error(`group role '${groupName}' needs the user pool that holds the group; pass userPoolAuth to ${this.node.path}`);
    }
    if (this.groupRolesByName.has(groupName)) {
      throw new Error(`group '${groupName}' already has a role in ${this.node.path}; get it with roleForGroup('${groupName}')`);
    }
    if (!auth.hasGroup(groupName)) {
      throw new Error(`no group '${groupName}' in user pool ${auth.node.path} (groups: ${auth.groupNames.join(', ') || 'none'}); add it with addGroup('${groupName}') before giving it a role`);
    }
    const group = auth.group(groupName);
    const cfnGroup = group.node.defaultChild as cognito.CfnUserPoolGroup;
    if (cfnGroup.roleArn !== undefined) {
      throw new Error(`group '${groupName}' already has a RoleArn set outside ${this.node.path}; a group has one role: remove the other assignment`);
    }
    this.ensureGroupRoleMapping(auth);

    const base = `GroupRole${groupName.replace(/[^A-Za-z0-9]/g, '')}`;
    // Distinct names can sanitize to the same id ('a-b', 'ab'): suffix only on a clash.
    const roleId = this.node.tryFindChild(base) ? `${base}${this.groupRolesByName.size}` : base;
    const role = this.addRole(roleId, {
      description: options.description ?? `Role of the user-pool group ${groupName}`,
    });
    cfnGroup.roleArn = role.roleArn;
    this.warnOnPrecedence(groupName, cfnGroup);
    this.groupRolesByName.set(groupName, role);
    if (this.identityPool.allowClassicFlow === true) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:classicFlowGroupRoles',
        `group role '${groupName}' is reachable by every authenticated identity through the classic authflow: turn allowClassicFlow off`);
    }
    return role;
  }

  /**
   * The role of a group.
   *
   * @param groupName the group name
   */
  public roleForGroup(groupName: string): iam.Role {
    const role = this.groupRolesByName.get(groupName);
    if (!role) {
      throw new Error(`group '${groupName}' has no role in ${this.node.path} (group roles: ${this.groupRoleNames.join(', ') || 'none'}); add it with groupRoles: ['${groupName}'] or addGroupRole('${groupName}')`);
    }
    return role;
  }

  /**
   * Whether a group has its own role.
   *
   * @param groupName the group name
   */
  public hasGroupRole(groupName: string): boolean {
    return this.groupRolesByName.has(groupName);
  }

  /**
   * Adds a role mapping for a provider.
   *
   * @param mapping the provider and its rules (none for token-based)
   */
  public addRoleMapping(mapping: RoleMapping): void {
    const key = mapping.provider.mappingName;
    if (this.mappings.has(key)) {
      throw new Error(`provider '${key}' already has a role mapping in ${this.node.path}; a provider has one mapping: merge the rules into one addRoleMapping call`);
    }
    if (mapping.rules !== undefined) {
      if (mapping.rules.length === 0) {
        throw new Error(`the role mapping of provider '${key}' has an empty rules list; give at least one rule, or omit rules for token-based mapping`);
      }
      checkRuleCount(key, mapping.rules.length);
      checkRuleClaims(key, mapping.rules);
    }
    checkMappedProviderCount([...this.mappings.keys(), key]);
    this.mappings.set(key, mapping);
  }

  /**
   * Grants a statement to every authenticated identity: the authenticated role and every group
   * role or `addRole` role, present and future (one shared managed policy).
   *
   * @param statement the statement
   */
  public addToAuthenticatedPolicy(statement: iam.PolicyStatement): void {
    this.addToBaseline(statement);
  }

  /**
   * Grants a statement to guests.
   *
   * @param statement the statement
   */
  public addToGuestPolicy(statement: iam.PolicyStatement): void {
    if (!this.guestRole) {
      throw new Error(`guests are off in ${this.node.path}, so there is no guest role to grant to; set allowGuests: true if anonymous visitors really need AWS credentials`);
    }
    this.guestRole.addToPrincipalPolicy(statement);
  }

  /**
   * Grants a statement to one group's role only.
   *
   * @param groupName a group with a role
   * @param statement the statement
   */
  public addToGroupPolicy(groupName: string, statement: iam.PolicyStatement): void {
    this.roleForGroup(groupName).addToPrincipalPolicy(statement);
  }

  /**
   * Maps a token claim to a session tag, for ABAC with `PolicyVariables.principalTag(tag)`.
   *
   * Adds `sts:TagSession` to the trust of every role of this pool. Tags come from the tokens of
   * authenticated identities only. Mapping the same tag to the same claim again does nothing.
   *
   * @param tag the session tag key
   * @param claim the token claim, e.g. `custom:department`
   * @param provider the provider whose tokens carry the claim; the user-pool provider when omitted
   */
  public addPrincipalTag(tag: string, claim: string, provider?: IdentityProvider): void {
    checkSessionTagKey(tag);
    checkClaimName(tag, claim);
    const reservedFor = Token.isUnresolved(tag) ? undefined : this.reservedRoleTags.get(tag.toLowerCase());
    if (reservedFor !== undefined) {
      throw new Error(`principal tag '${tag}' cannot be mapped in ${this.node.path}: roles of this pool carry the tag '${tag}' to decide access (${reservedFor}), and a session tag overrides a role tag of the same key, so claim '${claim}' would choose the access; map the claim to another tag key`);
    }
    const target = provider ?? this.defaultTagProvider(`principal tag '${tag}'`);
    const tags = this.principalTagResource(target);
    const map = this.principalTagMaps.get(target.principalTagName)!;
    if (map[tag] === claim) return; // the same mapping twice (e.g. from two constructs) is one mapping
    if (map[tag] !== undefined) {
      throw new Error(`principal tag '${tag}' is already mapped to claim '${map[tag]}' for provider '${target.principalTagName}'; a tag has one claim`);
    }
    checkPrincipalTagCount(target.principalTagName, Object.keys(map).length + 1);
    map[tag] = claim;
    tags.principalTags = Lazy.any({ produce: () => ({ ...map }) });
  }

  /**
   * Declares that roles of this pool carry a tag that decides access (read as
   * `${aws:PrincipalTag/<tag>}`), so that no session tag may override it.
   *
   * A session tag replaces a role tag of the same key (IAM compares keys case-insensitively):
   * mapping a claim to the key would let the token choose the access. From this call on,
   * `addPrincipalTag` refuses the key; reserving a key that is already mapped fails. Reserving a
   * key again adds nothing.
   *
   * @param tag the role tag key
   * @param reason what relies on the tag, named in the errors
   */
  public reserveRoleTag(tag: string, reason: string): void {
    if (Token.isUnresolved(tag)) {
      throw new Error(`reserveRoleTag needs a literal tag key, got a token in ${this.node.path}; pass the key as a string`);
    }
    const key = tag.toLowerCase();
    for (const [provider, map] of this.principalTagMaps) {
      const mapped = [...Object.keys(map), ...(this.principalTagResources.get(provider)!.useDefaults ? DEFAULT_PRINCIPAL_TAGS : [])]
        .find((k) => k.toLowerCase() === key);
      if (mapped !== undefined) {
        throw new Error(`role tag '${tag}' cannot decide access in ${this.node.path} (${reason}): principal tag '${mapped}' is mapped for provider '${provider}', and a session tag overrides a role tag of the same key; map that claim to another tag key`);
      }
    }
    if (!this.reservedRoleTags.has(key)) this.reservedRoleTags.set(key, reason);
  }

  /**
   * Uses Cognito's default principal tags for a provider (for user pools: `client`, `username`).
   *
   * @param provider the provider
   */
  public useDefaultPrincipalTags(provider: IdentityProvider): void {
    for (const tag of DEFAULT_PRINCIPAL_TAGS) {
      const reservedFor = this.reservedRoleTags.get(tag);
      if (reservedFor !== undefined) {
        throw new Error(`Cognito's default principal tags cannot be used in ${this.node.path}: they include '${tag}', which roles of this pool carry to decide access (${reservedFor}), and a session tag overrides a role tag of the same key; map the claims you need with addPrincipalTag instead`);
      }
    }
    this.principalTagResource(provider).useDefaults = true;
  }

  /**
   * Gives each identity read, write and list access to its own prefix `<prefix><identity id>/`
   * of a bucket, and nothing else of it. Applies to every authenticated identity.
   *
   * `s3:ListBucket` is scoped with an `s3:prefix` condition, so an identity cannot list other
   * identities' keys or the bucket root. With a KMS-encrypted bucket, the key use is granted too.
   *
   * @param bucket the bucket
   * @param options prefix and read-only
   */
  public grantPerIdentityObjectAccess(bucket: s3.IBucket, options: PerIdentityObjectAccessOptions = {}): void {
    const prefix = options.prefix ?? 'private/';
    checkKeyPrefix(prefix);
    const own = `${prefix}${this.identityIdVariable}`;
    const readOnly = options.readOnly ?? false;
    const objects = bucket.arnForObjects(`${own}/*`);
    this.addToPerIdentityPolicy(new iam.PolicyStatement({
      actions: readOnly ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      resources: [objects],
    }));
    this.acknowledgePerIdentityWildcard(objects);
    this.addToPerIdentityPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${own}/`, `${own}/*`] } },
    }));
    if (bucket.encryptionKey) {
      this.addToPerIdentityPolicy(new iam.PolicyStatement({
        actions: readOnly ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [bucket.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.${Stack.of(this).urlSuffix}` } },
      }));
    }
  }

  /**
   * Gives each identity access to the items of a table whose partition key is its identity id
   * (`dynamodb:LeadingKeys`), and nothing else of it. Applies to every authenticated identity.
   *
   * @param table the table; its partition key holds the identity id
   * @param options read-only
   */
  public grantPerIdentityDynamoDbItems(table: dynamodb.ITable, options: PerIdentityItemsOptions = {}): void {
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    this.addToPerIdentityPolicy(new iam.PolicyStatement({
      actions: options.readOnly ? read : [...read, ...write],
      resources: [table.tableArn],
      conditions: {
        // ForAllValues is true when the key is absent: Null=false makes the key mandatory.
        'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [this.identityIdVariable] },
        'Null': { 'dynamodb:LeadingKeys': 'false' },
      },
    }));
  }

  /**
   * Adds an entry to the client configuration document (e.g. an API URL or a bucket name).
   *
   * @param key the JSON key
   * @param value the value (tokens allowed)
   */
  public addClientConfig(key: string, value: string): void {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key)) {
      throw new Error(`client config key must match ^[A-Za-z][A-Za-z0-9_]{0,63}$, got '${key}'; use a camelCase name such as 'apiUrl'`);
    }
    if (this.clientConfigEntries[key] !== undefined) {
      throw new Error(`client config key '${key}' is already set in ${this.node.path}; pick another key`);
    }
    this.clientConfigEntries[key] = value;
  }

  /** The identity-id policy variable under this stack's issuer name. */
  private get identityIdVariable(): string {
    return `\${${this.issuer}:sub}`;
  }

  private newTrustedRole(id: string, trusted: TrustedIdentities, description: string): iam.Role {
    const principal = new IdentityPoolTrustPrincipal(this.issuer, this.identityPoolId, trusted);
    if (this.principalTagResources.size > 0) principal.allowSessionTags();
    this.trustPrincipals.push(principal);
    const role = new iam.Role(this, id, { assumedBy: principal, description });
    acknowledgeInlinePolicies(role, 'Grants to this one role (addToGroupPolicy, addToGuestPolicy, a grant* call with the role as grantee) go to its own DefaultPolicy, attached to it alone and deleted with it; what every authenticated identity shares is the customer managed baseline policy');
    return role;
  }

  /** Adds to the shared policy behind the authenticated baseline, created on first use. */
  private addToBaseline(statement: iam.PolicyStatement): iam.ManagedPolicy {
    checkManagedPolicySize(`the authenticated baseline policy of ${this.node.path}`, [...this.baselineStatements, statement], this);
    if (!this.baseline) {
      this.baseline = new iam.ManagedPolicy(this, 'AuthenticatedBaseline', {
        description: 'Permissions of every authenticated identity of this identity pool, whatever its role',
        roles: [...this.authenticatedRoles],
      });
    }
    this.baselineStatements.push(statement);
    this.baseline.addStatements(statement);
    return this.baseline;
  }

  /**
   * Per-identity statements live in their own shared policy, which holds nothing else: its
   * acknowledgements cannot hide a wildcard a user grants to the baseline.
   */
  private addToPerIdentityPolicy(statement: iam.PolicyStatement): void {
    checkManagedPolicySize(`the per-identity policy of ${this.node.path}`, [...this.perIdentityStatements, statement], this);
    if (!this.perIdentity) {
      this.perIdentity = new iam.ManagedPolicy(this, 'PerIdentityAccess', {
        description: 'Access of every authenticated identity to its own data (keyed by its identity id)',
        roles: [...this.authenticatedRoles],
      });
    }
    this.perIdentityStatements.push(statement);
    this.perIdentity.addStatements(statement);
  }

  /** Acknowledges, on the per-identity policy only, the one wildcard a per-identity grant needs. */
  private acknowledgePerIdentityWildcard(resource: string): void {
    Validations.of(this.perIdentity!).acknowledge({
      id: wildcardResourceFinding(this, resource),
      reason: 'The wildcard is below the caller\'s own prefix <prefix>${cognito-identity.amazonaws.com:sub}/: each identity reaches only its own objects',
    });
  }

  private ensureGroupRoleMapping(auth: CognitoUserPoolAuth): void {
    if (this.groupRoleMapping) return;
    const provider = IdentityProvider.userPool(auth.userPool, auth.webClient);
    const existing = this.mappings.get(provider.mappingName);
    if (existing?.rules) {
      throw new Error(`group roles need token-based mapping for '${provider.mappingName}', but it has a rule-based mapping; map groups with rules on 'cognito:groups' instead of group roles`);
    }
    if (!existing) this.addRoleMapping({ provider, ambiguousRoleResolution: this.ambiguousRoleResolution });
    this.groupRoleMapping = true;
  }

  private warnOnPrecedence(groupName: string, cfnGroup: cognito.CfnUserPoolGroup): void {
    if (cfnGroup.precedence === undefined) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:groupRoleWithoutPrecedence',
        `group '${groupName}' has a role but no precedence: a user in several groups with roles gets no preferred role (ambiguous resolution applies); give each group with a role a distinct precedence`);
      return;
    }
    for (const [other] of this.groupRolesByName) {
      const otherGroup = this.userPoolAuth!.group(other).node.defaultChild as cognito.CfnUserPoolGroup;
      if (otherGroup.precedence === cfnGroup.precedence && !Token.isUnresolved(cfnGroup.precedence)) {
        Annotations.of(this).addWarningV2('cdk-cognito-access:groupRoleSamePrecedence',
          `groups '${other}' and '${groupName}' have roles and the same precedence ${cfnGroup.precedence}: a user in both gets no preferred role; give them distinct precedences`);
      }
    }
  }

  private renderRoleMappings(): any {
    if (this.mappings.size === 0) return undefined;
    const out: { [key: string]: cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty } = {};
    for (const [name, mapping] of this.mappings) {
      // Keys must be plain strings: the provider name (often a token) goes in IdentityProvider.
      out[providerKey(this, name)] = {
        identityProvider: name,
        type: mapping.rules ? 'Rules' : 'Token',
        ambiguousRoleResolution: mapping.ambiguousRoleResolution ?? AmbiguousRoleResolution.AUTHENTICATED_ROLE,
        rulesConfiguration: mapping.rules ? {
          rules: mapping.rules.map((rule) => ({
            claim: rule.claim,
            matchType: rule.matchType ?? MappingMatchType.EQUALS,
            value: rule.value,
            roleArn: rule.role.roleArn,
          })),
        } : undefined,
      };
    }
    return out;
  }

  private principalTagResource(provider: IdentityProvider): cognito.CfnIdentityPoolPrincipalTag {
    const name = provider.principalTagName;
    let resource = this.principalTagResources.get(name);
    if (!resource) {
      resource = new cognito.CfnIdentityPoolPrincipalTag(this, `PrincipalTags${providerKey(this, name)}`, {
        identityPoolId: this.identityPoolId,
        identityProviderName: name,
        useDefaults: false,
      });
      this.principalTagResources.set(name, resource);
      this.principalTagMaps.set(name, {});
      for (const principal of this.trustPrincipals) principal.allowSessionTags();
    }
    return resource;
  }

  private defaultTagProvider(what: string): IdentityProvider {
    if (this.userPoolAuth) return IdentityProvider.userPool(this.userPoolAuth.userPool, this.userPoolAuth.webClient);
    if (this.userPoolProviders.length === 1) {
      return IdentityProvider.named(this.userPoolProviders[0].providerName);
    }
    throw new Error(`${what} needs a provider: ${this.node.path} has ${this.userPoolProviders.length} user-pool providers and no userPoolAuth; pass the provider, e.g. addPrincipalTag(tag, claim, IdentityProvider.userPool(pool, client))`);
  }

  private socialProviders(props: FederatedIdentityPoolProps): { [name: string]: string } {
    const providers: { [name: string]: string } = {};
    const add = (name: string, clientId?: string) => {
      if (clientId === undefined) return;
      this.registerProvider(name);
      this.acceptedProviders.push(IdentityProvider.named(name));
      providers[name] = clientId;
    };
    add(SocialProviderNames.GOOGLE, props.google);
    add(SocialProviderNames.FACEBOOK, props.facebook);
    add(SocialProviderNames.AMAZON, props.amazon);
    add(SocialProviderNames.APPLE, props.apple);
    add(SocialProviderNames.TWITTER, props.twitter);
    return providers;
  }

  /**
   * A role mapping or principal-tag mapping for a provider the pool does not accept fails at
   * deploy time. Checked at synth, once every provider is known; a name given as a token that
   * matches none of the pool's providers cannot be compared and is left alone.
   */
  private validateProviderReferences(): string[] {
    const errors: string[] = [];
    const check = (what: string, name: string, known: string[]) => {
      if (known.includes(name) || Token.isUnresolved(name)) return;
      const literal = known.filter((k) => !Token.isUnresolved(k));
      const byReference = known.length - literal.length;
      const accepted = [...literal.map((k) => `'${k}'`), ...(byReference > 0 ? [`${byReference} given by reference (user pools, IAM OIDC or SAML providers)`] : [])];
      errors.push(`${what} names provider '${name}', which ${this.node.path} does not accept (it accepts: ${accepted.join(', ') || 'none'}); `
        + 'add the provider to the pool (google, facebook, amazon, apple, twitter, userPools, openIdConnectProviders, samlProviders) or remove the mapping');
    };
    for (const name of this.mappings.keys()) check('a role mapping', name, this.acceptedProviders.map((p) => p.mappingName));
    for (const name of this.principalTagMaps.keys()) check('a principal-tag mapping', name, this.acceptedProviders.map((p) => p.principalTagName));
    return errors;
  }

  private uniqueArns(what: string, arns: string[]): string[] | undefined {
    for (const arn of arns) this.registerProvider(arn, what);
    return arns.length > 0 ? arns : undefined;
  }

  private registerProvider(name: string, what = 'provider'): void {
    if (this.providerNames.has(name)) {
      throw new Error(`${what} '${name}' is configured twice in ${this.node.path}; list each provider once`);
    }
    this.providerNames.add(name);
  }
}

/** Throws when a literal value does not match the pattern CloudFormation enforces. */
function checkPattern(prop: string, value: string | undefined, pattern: RegExp, shown: string): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!pattern.test(value)) {
    throw new Error(`${prop} must match ${shown}, got '${value}'; use letters, digits and the listed punctuation only`);
  }
}

/** A key prefix that cannot widen the per-identity grant. Tokens are checked at deploy time. */
function checkKeyPrefix(prefix: string): void {
  if (Token.isUnresolved(prefix)) return;
  if (prefix !== '' && (!/^[A-Za-z0-9!_.'()\-/]{1,512}$/.test(prefix) || !prefix.endsWith('/') || prefix.startsWith('/') || prefix.includes('//'))) {
    throw new Error(`per-identity prefix must be empty or match ^[A-Za-z0-9!_.'()/-]+/$ without a leading or doubled '/', got '${prefix}'; use e.g. 'private/'`);
  }
}
