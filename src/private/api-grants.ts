import * as iam from 'aws-cdk-lib/aws-iam';
import { FederatedIdentityPool } from '../federated-identity-pool';
import { RouteAccess, RouteAccessKind } from '../route-access';

/**
 * The invoke grants of one API: a single statement per grant target (the authenticated
 * baseline, guests, each group, each role) that collects every method ARN given to it, so
 * that a hundred routes add a hundred ARNs, not a hundred statements.
 */
export class ApiGrants {
  private readonly statements = new Map<string, iam.PolicyStatement>();
  private readonly roles = new Map<string, iam.IRole>();

  constructor(private readonly pool: FederatedIdentityPool) {}

  /** The grant targets of an access, checked against the pool. */
  public targetsOf(access: RouteAccess, what: string): Set<string> {
    switch (access.kind) {
      case RouteAccessKind.AUTHENTICATED:
        return new Set(['authenticated']);
      case RouteAccessKind.GUESTS:
        if (!this.pool.guestsAllowed) {
          throw new Error(`${what}: RouteAccess.guests() needs guests, but identity pool ${this.pool.node.path} has allowGuests: false (so no guest role exists); set allowGuests: true on the pool, or use RouteAccess.authenticated()`);
        }
        return new Set(['guest', 'authenticated']);
      case RouteAccessKind.GROUPS:
        for (const group of access.groupNames) {
          if (!this.pool.hasGroupRole(group)) {
            throw new Error(`${what}: group '${group}' has no role in identity pool ${this.pool.node.path} (group roles: ${this.pool.groupRoleNames.join(', ') || 'none'}); add it with groupRoles: ['${group}'] or identityPool.addGroupRole('${group}')`);
          }
        }
        return new Set(access.groupNames.map((g) => `group:${g}`));
      case RouteAccessKind.ROLES:
        for (const role of access.roles) this.roles.set(`role:${role.node.addr}`, role);
        return new Set(access.roles.map((r) => `role:${r.node.addr}`));
      default:
        return new Set();
    }
  }

  /** Adds the ARNs to the statement of each target, creating and attaching it on first use. */
  public grant(targets: Set<string>, arns: string[]): void {
    for (const target of targets) {
      let statement = this.statements.get(target);
      if (statement) {
        statement.addResources(...arns);
        continue;
      }
      statement = new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: arns });
      this.statements.set(target, statement);
      this.attach(target, statement);
    }
  }

  private attach(target: string, statement: iam.PolicyStatement): void {
    if (target === 'authenticated') return this.pool.addToAuthenticatedPolicy(statement);
    if (target === 'guest') return this.pool.addToGuestPolicy(statement);
    if (target.startsWith('group:')) return this.pool.addToGroupPolicy(target.slice('group:'.length), statement);
    // An imported immutable role silently keeps its policies: documented on RouteAccess.roles.
    this.roles.get(target)!.addToPrincipalPolicy(statement);
  }
}
