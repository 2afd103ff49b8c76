import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * The kind of caller a route of an `IamAuthorizedApi` is granted to.
 */
export enum RouteAccessKind {
  /** Every signed-in identity: the authenticated role and every group role. */
  AUTHENTICATED = 'AUTHENTICATED',
  /** Guests (the guest role) and every signed-in identity. */
  GUESTS = 'GUESTS',
  /** The roles of the given user-pool groups only. */
  GROUPS = 'GROUPS',
  /** The given IAM roles only. */
  ROLES = 'ROLES',
  /** Nobody automatically: grant it with `IamAuthorizedApi.grantInvoke`. */
  EXPLICIT_GRANTS_ONLY = 'EXPLICIT_GRANTS_ONLY',
}

/**
 * Who may call a route of an `IamAuthorizedApi`.
 *
 * Every route is authorized with SigV4 (`AWS_IAM`); the access decides which roles receive
 * `execute-api:Invoke` on exactly that route's method ARN in the deployment stage.
 */
export class RouteAccess {
  /**
   * Every signed-in identity of the identity pool.
   *
   * Granted through the pool's authenticated baseline, so the authenticated role and every
   * group role (present and future) may call the route. This is the default access.
   */
  public static authenticated(): RouteAccess {
    return new RouteAccess(RouteAccessKind.AUTHENTICATED, [], []);
  }

  /**
   * Guests and signed-in identities alike: a public route that still needs pool credentials.
   *
   * Granted to the guest role and to the authenticated baseline (authenticated and group roles),
   * so signing in never loses access to a public route. The identity pool must allow guests.
   * For a route that only guests may call, use `RouteAccess.roles([identityPool.guestRole])`.
   */
  public static guests(): RouteAccess {
    return new RouteAccess(RouteAccessKind.GUESTS, [], []);
  }

  /**
   * The roles of these user-pool groups only (not the plain authenticated role).
   *
   * Each group must have a role in the identity pool (`groupRoles` or `addGroupRole`).
   *
   * @param groupNames the user-pool group names, at least one
   */
  public static groups(groupNames: string[]): RouteAccess {
    if (groupNames.length === 0) {
      throw new Error('RouteAccess.groups() got an empty list; name at least one group, e.g. RouteAccess.groups([\'finance\'])');
    }
    return new RouteAccess(RouteAccessKind.GROUPS, [...new Set(groupNames)], []);
  }

  /**
   * These IAM roles only.
   *
   * Each role receives the grant in its own policy; a role imported with `mutable: false`
   * keeps its policies unchanged, so grant it where it is defined.
   *
   * @param roles the roles, at least one
   */
  public static roles(roles: iam.IRole[]): RouteAccess {
    if (roles.length === 0) {
      throw new Error('RouteAccess.roles() got an empty list; pass at least one role, or use RouteAccess.explicitGrantsOnly()');
    }
    return new RouteAccess(RouteAccessKind.ROLES, [], [...new Set(roles)]);
  }

  /**
   * Nobody automatically: the route is IAM-authorized and callable only by principals given
   * `IamAuthorizedApi.grantInvoke` (a Lambda function, another account, a CI role).
   */
  public static explicitGrantsOnly(): RouteAccess {
    return new RouteAccess(RouteAccessKind.EXPLICIT_GRANTS_ONLY, [], []);
  }

  /** The kind of caller the route is granted to. */
  public readonly kind: RouteAccessKind;
  /** The user-pool groups whose roles may call the route (for `GROUPS`, else empty). */
  public readonly groupNames: string[];
  /** The roles that may call the route (for `ROLES`, else empty). */
  public readonly grantedRoles: iam.IRole[];

  private constructor(kind: RouteAccessKind, groupNames: string[], roles: iam.IRole[]) {
    this.kind = kind;
    this.groupNames = groupNames;
    this.grantedRoles = roles;
  }

  /** A short description for error messages, e.g. `groups finance, hr`. */
  public toString(): string {
    switch (this.kind) {
      case RouteAccessKind.GROUPS: return `groups ${this.groupNames.join(', ')}`;
      case RouteAccessKind.ROLES: return `roles ${this.grantedRoles.map((r) => r.node.path).join(', ')}`;
      default: return this.kind.toLowerCase().replace(/_/g, ' ');
    }
  }
}
