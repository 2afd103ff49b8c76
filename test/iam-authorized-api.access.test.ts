/**
 * Who may call which route, proven by IAM simulation of the synthesized policies: each role's
 * identity policies (inline, default policy, the shared authenticated baseline) are evaluated
 * for `execute-api:Invoke` on the method ARN API Gateway checks for a request.
 */
import { CfnElement, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CognitoUserPoolAuth } from '../src/cognito-user-pool-auth';
import { FederatedIdentityPool } from '../src/federated-identity-pool';
import { IamAuthorizedApi, RouteAccess } from '../src/iam-authorized-api';
import { newTestStack } from './helpers/app';
import { AccessSimulator, Decision } from './helpers/iam-simulation';
import { FAKE_ACCOUNT, FAKE_REGION } from './helpers/template-resolver';

const id = (stack: Stack, construct: { node: { defaultChild?: any } }) => stack.getLogicalId(construct.node.defaultChild as CfnElement);

/** An API with one route of each kind of access, and every kind of caller. */
function build(options: { restrict?: boolean } = {}) {
  const stack = newTestStack();
  const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance', precedence: 1 }, { name: 'hr', precedence: 2 }] });
  const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, allowGuests: true, groupRoles: ['finance', 'hr'] });
  const ops = new iam.Role(stack, 'Ops', { assumedBy: new iam.AccountRootPrincipal() });
  const ci = new iam.Role(stack, 'Ci', { assumedBy: new iam.AccountRootPrincipal() });
  const stranger = new iam.Role(stack, 'Stranger', { assumedBy: new iam.AccountRootPrincipal() });
  // A principal of this account whose own policy allows invoking anything.
  const admin = new iam.Role(stack, 'Admin', { assumedBy: new iam.AccountRootPrincipal() });
  admin.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: ['*'] }));

  const api = new IamAuthorizedApi(stack, 'Api', {
    identityPool: pool,
    cors: { allowOrigins: ['https://app.example.com'] },
    restrictToIdentityPoolRoles: options.restrict,
  });
  const mock = () => new apigateway.MockIntegration();
  api.addRoute('/items', 'GET', mock());
  api.addRoute('/items/{id}', 'GET', mock());
  api.addRoute('/catalog', 'GET', mock(), { access: RouteAccess.guests() });
  api.addRoute('/reports', 'ANY', mock(), { access: RouteAccess.groups(['finance']) });
  api.addRoute('/payroll', 'POST', mock(), { access: RouteAccess.groups(['hr']) });
  api.addRoute('/ops', 'POST', mock(), { access: RouteAccess.roles([ops]) });
  api.addRoute('/internal', 'POST', mock(), { access: RouteAccess.explicitGrantsOnly() });
  api.grantInvoke(ci, 'POST', '/internal');

  const sim = AccessSimulator.fromStack(stack);
  const apiId = sim.resolver.ref(id(stack, api.api));
  const roles = {
    authenticated: id(stack, pool.authenticatedRole),
    guest: id(stack, pool.guestRole!),
    finance: id(stack, pool.roleForGroup('finance')),
    hr: id(stack, pool.roleForGroup('hr')),
    ops: id(stack, ops),
    ci: id(stack, ci),
    stranger: id(stack, stranger),
    admin: id(stack, admin),
  };
  const methodArn = (method: string, path: string, stage = 'prod') =>
    `arn:aws:execute-api:${FAKE_REGION}:${FAKE_ACCOUNT}:${apiId}/${stage}/${method}${path}`;
  return { stack, api, sim, roles, methodArn };
}

type Caller = 'authenticated' | 'guest' | 'finance' | 'hr' | 'ops' | 'ci' | 'stranger';
const CALLERS: Caller[] = ['authenticated', 'guest', 'finance', 'hr', 'ops', 'ci', 'stranger'];

// Request (method + concrete path) -> the callers allowed; everyone else must be denied.
const MATRIX: [string, string, Caller[]][] = [
  ['GET', '/items', ['authenticated', 'finance', 'hr']],
  ['GET', '/items/42', ['authenticated', 'finance', 'hr']],
  ['POST', '/items', []],
  ['DELETE', '/items/42', []],
  ['GET', '/catalog', ['guest', 'authenticated', 'finance', 'hr']],
  ['POST', '/catalog', []],
  ['GET', '/reports', ['finance']],
  ['POST', '/reports', ['finance']],
  ['DELETE', '/reports', ['finance']],
  ['POST', '/payroll', ['hr']],
  ['GET', '/payroll', []],
  ['POST', '/ops', ['ops']],
  ['POST', '/internal', ['ci']],
  ['PUT', '/ops', []],
  ['GET', '/unknown', []],
];

describe('IamAuthorizedApi access (IAM simulation)', () => {
  const world = build();

  test.each(MATRIX)('%s %s is callable by exactly %j', async (method, path, allowed) => {
    const decisions: { [caller: string]: Decision } = {};
    for (const caller of CALLERS) {
      decisions[caller] = await world.sim.request(world.roles[caller], { action: 'execute-api:Invoke', resource: world.methodArn(method, path) });
    }
    const expected = Object.fromEntries(CALLERS.map((c) => [c, allowed.includes(c) ? 'Allowed' : 'ImplicitlyDenied']));
    expect(decisions).toEqual(expected);
  });

  test('grants are scoped to the deployment stage', async () => {
    for (const caller of ['authenticated', 'finance', 'guest'] as Caller[]) {
      expect(await world.sim.request(world.roles[caller], { action: 'execute-api:Invoke', resource: world.methodArn('GET', '/catalog', 'test') })).toBe('ImplicitlyDenied');
    }
  });

  test('a group role keeps the authenticated baseline but not the other group\'s routes', async () => {
    const { sim, roles, methodArn } = world;
    expect(await sim.request(roles.finance, { action: 'execute-api:Invoke', resource: methodArn('GET', '/items/7') })).toBe('Allowed');
    expect(await sim.request(roles.finance, { action: 'execute-api:Invoke', resource: methodArn('POST', '/payroll') })).toBe('ImplicitlyDenied');
    expect(await sim.request(roles.hr, { action: 'execute-api:Invoke', resource: methodArn('GET', '/reports') })).toBe('ImplicitlyDenied');
  });

  test('no role gets any other action on the API', async () => {
    for (const caller of CALLERS) {
      expect(await world.sim.request(world.roles[caller], { action: 'execute-api:ManageConnections', resource: world.methodArn('GET', '/items') })).toBe('ImplicitlyDenied');
    }
  });

  test('a guest can reach only guest routes, whatever the path shape', async () => {
    const { sim, roles, methodArn } = world;
    for (const [method, path] of [['GET', '/items'], ['GET', '/items/1'], ['GET', '/catalog/x'], ['GET', '/reports'], ['POST', '/ops']]) {
      expect(await sim.request(roles.guest, { action: 'execute-api:Invoke', resource: methodArn(method, path) })).toBe('ImplicitlyDenied');
    }
  });
});

describe('IamAuthorizedApi resource policy (IAM simulation)', () => {
  const world = build({ restrict: true });
  // API Gateway expands 'execute-api:/...' to the API's own ARN prefix before evaluating.
  const resourcePolicy = JSON.parse(JSON.stringify(world.sim.resolver.resolve(
    world.sim.resolver.resource(id(world.stack, world.api.api)).Properties!.Policy,
  )).split('"execute-api:/').join(`"arn:aws:execute-api:${FAKE_REGION}:${FAKE_ACCOUNT}:${world.sim.resolver.ref(id(world.stack, world.api.api))}/`));
  const roleArn = (roleId: string) => `arn:aws:iam::${FAKE_ACCOUNT}:role/${world.sim.resolver.ref(roleId)}`;
  const call = (caller: keyof typeof world.roles, method: string, path: string) => world.sim.request(world.roles[caller], {
    action: 'execute-api:Invoke',
    resource: world.methodArn(method, path),
    context: { 'aws:PrincipalArn': roleArn(world.roles[caller]), 'aws:PrincipalAccount': FAKE_ACCOUNT },
    resourcePolicy,
  });

  test('a principal of this account allowed everything by its own policy is explicitly denied', async () => {
    expect(await call('admin', 'GET', '/items')).toBe('ExplicitlyDenied');
    expect(await call('stranger', 'GET', '/items')).toBe('ExplicitlyDenied');
  });

  test('the pool roles and the granted roles keep exactly their routes', async () => {
    expect(await call('authenticated', 'GET', '/items')).toBe('Allowed');
    expect(await call('authenticated', 'GET', '/reports')).toBe('ImplicitlyDenied');
    expect(await call('guest', 'GET', '/catalog')).toBe('Allowed');
    expect(await call('finance', 'PUT', '/reports')).toBe('Allowed');
    expect(await call('hr', 'POST', '/payroll')).toBe('Allowed');
    expect(await call('ops', 'POST', '/ops')).toBe('Allowed');
    expect(await call('ci', 'POST', '/internal')).toBe('Allowed');
    expect(await call('ci', 'GET', '/items')).toBe('ImplicitlyDenied');
  });
});
