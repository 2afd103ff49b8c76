import { Annotations, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { FederatedIdentityPool } from '../federated-identity-pool';
import { RouteAccess, RouteAccessKind } from '../route-access';
import { acknowledgeParameterWildcards } from './api-nag';
import { describeTarget as describe } from './api-route-table';

/** IAM: a customer managed policy (the authenticated baseline) holds 6,144 characters. */
const MANAGED_POLICY_CHARS = 6144;
/** IAM: the inline policies of one role hold 10,240 characters together. */
const ROLE_INLINE_CHARS = 10240;
/** `arn:aws-us-gov:execute-api:ap-southeast-4:123456789012:a1b2c3d4e5`, the longest prefix a deployed ARN has. */
const DEPLOYED_ARN_PREFIX = 66;
/** `{"Effect":"Allow","Action":"execute-api:Invoke","Resource":[]}` and a separating comma. */
const STATEMENT_OVERHEAD = 64;
/** What a token in a method or path may resolve to, at most, as far as this estimate goes. */
const TOKEN_ESTIMATE = 40;

/** A method ARN to grant: the deployed ARN is the prefix, then `/<stage>/<method><path>`. */
export interface MethodArn {
  readonly arn: string;
  readonly stage: string;
  readonly method: string;
  readonly path: string;
}

function deployedLength(a: MethodArn): number {
  const part = (text: string) => (Token.isUnresolved(text) ? TOKEN_ESTIMATE : text.length);
  // quotes and a comma around each ARN
  return DEPLOYED_ARN_PREFIX + 2 + part(a.stage) + part(a.method) + part(a.path) + 3;
}

/**
 * The invoke grants of one API: a single statement per grant target (the authenticated
 * baseline, guests, each group, each role) that collects every method ARN given to it, so
 * that a hundred routes add a hundred ARNs, not a hundred statements.
 */
export class ApiGrants {
  private readonly statements = new Map<string, iam.PolicyStatement>();
  private readonly sizes = new Map<string, number>();
  private readonly roles = new Map<string, iam.IRole>();
  private readonly warned = new Set<string>();

  constructor(private readonly scope: IConstruct, private readonly pool: FederatedIdentityPool) {}

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
        for (const role of access.grantedRoles) this.roles.set(`role:${role.node.addr}`, role);
        return new Set(access.grantedRoles.map((r) => `role:${r.node.addr}`));
      default:
        return new Set();
    }
  }

  /**
   * Adds the ARNs to the statement of each target, creating and attaching it on first use.
   * Throws before a statement outgrows its policy: IAM rejects it at deploy time otherwise.
   */
  public grant(targets: Set<string>, arns: MethodArn[], what: string, route: string): void {
    for (const target of targets) this.checkSize(target, arns, what);
    for (const target of targets) {
      acknowledgeParameterWildcards(this.holder(target), arns, route);
      let statement = this.statements.get(target);
      if (statement) {
        statement.addResources(...arns.map((a) => a.arn));
        continue;
      }
      statement = new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: arns.map((a) => a.arn) });
      this.statements.set(target, statement);
      this.attach(target, statement);
    }
  }

  private checkSize(target: string, arns: MethodArn[], what: string): void {
    const size = (this.sizes.get(target) ?? STATEMENT_OVERHEAD) + arns.reduce((sum, a) => sum + deployedLength(a), 0);
    const [limit, policy] = target === 'authenticated'
      ? [MANAGED_POLICY_CHARS, `the authenticated baseline (a managed policy of ${MANAGED_POLICY_CHARS} characters)`]
      : [ROLE_INLINE_CHARS, `the inline policies of that role (${ROLE_INLINE_CHARS} characters together)`];
    if (size > limit) {
      throw new Error(`${what}: the execute-api grants for ${describe(target)} would take about ${size} characters of ${policy}; `
        + 'serve related routes from one {proxy+} or {param} route, or grant a whole path or method with grantInvoke instead of one route each');
    }
    if (size > limit * 0.8 && !this.warned.has(target)) {
      this.warned.add(target);
      Annotations.of(this.scope).addWarningV2('cdk-cognito-access:apiGrantSize',
        `the execute-api grants for ${describe(target)} take about ${size} of the ${limit} characters of ${policy}; other statements share that space`);
    }
    this.sizes.set(target, size);
  }

  // Where the statement of a target ends up: the pool's roles and baseline, or the given role.
  private holder(target: string): IConstruct {
    return target.startsWith('role:') ? this.roles.get(target)! : this.pool;
  }

  private attach(target: string, statement: iam.PolicyStatement): void {
    if (target === 'authenticated') return this.pool.addToAuthenticatedPolicy(statement);
    if (target === 'guest') return this.pool.addToGuestPolicy(statement);
    if (target.startsWith('group:')) return this.pool.addToGroupPolicy(target.slice('group:'.length), statement);
    // An imported immutable role silently keeps its policies: documented on RouteAccess.roles.
    this.roles.get(target)!.addToPrincipalPolicy(statement);
  }
}

