import { CONCRETE_METHODS, paramName } from './api-validation';

/**
 * One route as the grant checks see it.
 *
 * `targets` are the grant targets that receive the route: 'authenticated' (the baseline shared
 * by the authenticated role and every group role), 'guest', 'group:<name>', 'role:<addr>'.
 */
export interface RouteEntry {
  readonly method: string;
  readonly path: string;
  readonly segments: string[];
  readonly targets: Set<string>;
  readonly description: string;
}

/** The pieces of an execute-api resource name after the stage: `<METHOD>/<path>`, params as `*`. */
export function arnPaths(method: string, segments: string[]): string[] {
  const path = '/' + segments.map((s) => (paramName(s) !== undefined ? '*' : s)).join('/');
  const methods = method === 'ANY' ? CONCRETE_METHODS : [method];
  return methods.map((m) => `${m}${path}`);
}

/**
 * Concrete requests a route answers, as `<METHOD>/<path>` (parameters filled in). An `ANY`
 * route does not answer the methods its path defines explicitly: API Gateway prefers those.
 */
function sampleRequests(route: RouteEntry, explicitMethods: Set<string>): string[] {
  const path = '/' + route.segments.map((s) => (paramName(s) !== undefined ? 'x' : s)).join('/');
  const methods = route.method === 'ANY' ? CONCRETE_METHODS.filter((m) => !explicitMethods.has(m)) : [route.method];
  return methods.map((m) => `${m}${path}`);
}

function globMatches(pattern: string, text: string): boolean {
  const regex = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${regex}$`).test(text);
}

/** Whether a grant target reaches a route: directly, or through the authenticated baseline. */
function reaches(target: string, route: RouteEntry): boolean {
  return route.targets.has(target) || (target.startsWith('group:') && route.targets.has('authenticated'));
}

/**
 * The routes of one API, checked as they are added: no duplicates, no conflicting sibling
 * parameters, and no grant whose wildcard reaches a route its target was not given.
 */
export class RouteTable {
  private readonly routes = new Map<string, RouteEntry>();
  // parent path -> the variable segment API Gateway holds there ({id} and {itemId} cannot be siblings)
  private readonly variableChildren = new Map<string, string>();

  public get size(): number {
    return this.routes.size;
  }

  public add(route: RouteEntry): void {
    const key = `${route.method} ${route.path}`;
    if (this.routes.has(key)) {
      throw new Error(`route ${key} is already defined (${this.routes.get(key)!.description}); a path and method can be added once: change the method or the path`);
    }
    this.checkSiblingParameters(route);
    for (const other of this.routes.values()) {
      this.checkLeak(route, other);
      this.checkLeak(other, route);
    }
    this.routes.set(key, route);
    for (let i = 0; i < route.segments.length; i++) {
      if (paramName(route.segments[i]) !== undefined) {
        this.variableChildren.set('/' + route.segments.slice(0, i).join('/'), route.segments[i]);
      }
    }
  }

  private checkSiblingParameters(route: RouteEntry): void {
    for (let i = 0; i < route.segments.length; i++) {
      const segment = route.segments[i];
      const parent = '/' + route.segments.slice(0, i).join('/');
      const existing = this.variableChildren.get(parent);
      if (paramName(segment) !== undefined && existing !== undefined && existing !== segment) {
        throw new Error(`route ${route.method} ${route.path}: '${segment}' under '${parent}' conflicts with '${existing}' of an earlier route; API Gateway allows one variable segment per parent, so use '${existing}' in both routes`);
      }
    }
  }

  // IAM's '*' also matches '/', so a grant on /items/* (from /items/{id}) reaches /items/x/admin.
  private checkLeak(granted: RouteEntry, victim: RouteEntry): void {
    const patterns = arnPaths(granted.method, granted.segments);
    const explicit = new Set([...this.routes.values(), granted]
      .filter((r) => r.path === victim.path && r.method !== 'ANY').map((r) => r.method));
    const requests = sampleRequests(victim, explicit);
    for (const target of granted.targets) {
      if (reaches(target, victim)) continue;
      const hit = requests.find((r) => patterns.some((p) => globMatches(p, r)));
      if (hit) {
        throw new Error(`route ${granted.method} ${granted.path} (${granted.description}) and route ${victim.method} ${victim.path} (${victim.description}) cannot coexist: `
          + `the first one's execute-api ARN ends in '${patterns.find((p) => globMatches(p, hit))}', and IAM's '*' spans '/', so it would also let ${describeTarget(target)} call ${hit.replace(/\/x(?=\/|$)/g, '/{…}')}; `
          + 'give both routes the same access, or move one under a prefix of its own (e.g. /admin/...)');
      }
    }
  }
}

/** A grant target in words, for error messages. */
export function describeTarget(target: string): string {
  if (target === 'authenticated') return 'every signed-in identity';
  if (target === 'guest') return 'guests';
  if (target.startsWith('group:')) return `group '${target.slice('group:'.length)}'`;
  return 'a role given by RouteAccess.roles()';
}
