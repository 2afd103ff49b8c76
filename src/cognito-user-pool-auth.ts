import { RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * A user-pool group to create.
 */
export interface UserPoolGroupSpec {
  /** The group name, as it appears in the `cognito:groups` claim. */
  readonly name: string;
  /**
   * A description of the group.
   * @default - no description
   */
  readonly description?: string;
  /**
   * The group's precedence: when a user is in several groups with roles, the lowest number wins.
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
   * @default - no precedence
   */
  readonly precedence?: number;
}

/**
 * Properties of `CognitoUserPoolAuth`.
 */
export interface CognitoUserPoolAuthProps {
  /**
   * User-pool groups to create.
   * @default - no groups
   */
  readonly groups?: UserPoolGroupSpec[];
  /**
   * Whether users may sign themselves up.
   * @default false
   */
  readonly selfSignUpEnabled?: boolean;
  /**
   * Multi-factor authentication.
   * @default cognito.Mfa.REQUIRED
   */
  readonly mfa?: cognito.Mfa;
  /**
   * A Cognito-hosted domain prefix for the hosted UI / managed login.
   * @default - no domain
   */
  readonly domainPrefix?: string;
}

/**
 * A Cognito user pool with secure defaults, its web client, groups and domain.
 */
export class CognitoUserPoolAuth extends Construct {
  /** The user pool. */
  public readonly userPool: cognito.UserPool;
  /** The public web client (no secret, SRP and authorization code with PKCE). */
  public readonly webClient: cognito.UserPoolClient;
  /** The Cognito-hosted domain, when `domainPrefix` was given. */
  public readonly domain?: cognito.UserPoolDomain;

  private readonly groupsByName = new Map<string, cognito.UserPoolGroup>();

  constructor(scope: Construct, id: string, props: CognitoUserPoolAuthProps = {}) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      selfSignUpEnabled: props.selfSignUpEnabled ?? false,
      mfa: props.mfa ?? cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
    });

    if (props.domainPrefix !== undefined) {
      this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    }

    for (const group of props.groups ?? []) {
      this.addGroup(group.name, { description: group.description, precedence: group.precedence });
    }
  }

  /** The names of the groups defined so far, in the order they were added. */
  public get groupNames(): string[] {
    return [...this.groupsByName.keys()];
  }

  /**
   * Adds a user-pool group.
   * @returns the group
   */
  public addGroup(name: string, options: AddGroupOptions = {}): cognito.UserPoolGroup {
    const group = new cognito.UserPoolGroup(this, `Group${name}`, {
      userPool: this.userPool,
      groupName: name,
      description: options.description,
      precedence: options.precedence,
    });
    this.groupsByName.set(name, group);
    return group;
  }

  /**
   * The group of this name.
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
}
