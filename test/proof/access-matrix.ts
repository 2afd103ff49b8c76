/**
 * The access matrix of the reference app: who (principals) may do what (actions), evaluated by
 * IAM simulation of the synthesized template.
 *
 * The simulator knows IAM, not Cognito. What Cognito would do is modelled here from the template,
 * following the Cognito developer guide, and every step reads the synthesized resources:
 * - which identities get an identity at all (`AllowUnauthenticatedIdentities`);
 * - which role the enhanced (simplified) flow picks: the role attachment's `Roles`, its
 *   `RoleMappings` (token-based: the `cognito:preferred_role` of the user's groups, lowest
 *   precedence first, else the ambiguous-role resolution; rule-based: the first matching rule);
 * - which session tags the role gets (`AWS::Cognito::IdentityPoolPrincipalTag`: tag <- claim);
 * - that STS then accepts the token for that role (the trust policy, simulated with the token's
 *   `aud` and `amr`; `sts:TagSession`, needed when tags are passed, checked on the same statement);
 * - with the classic flow on, or with a token of another pool (which could name any role ARN),
 *   every role whose trust accepts the token.
 * Then each action is simulated with the role's policies and the context a request carries.
 */
import { AccessSimulator, Decision } from '../helpers/iam-simulation';
import { FAKE_ACCOUNT, FAKE_REGION, TemplateJson } from '../helpers/template-resolver';

/** One cell: the simulated decision, or no credentials at all. */
export enum Cell {
  ALLOW = 'allow',
  DENY = 'deny',
  NO_CREDENTIALS = 'no credentials',
}

const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';
const SUB_KEY = `${COGNITO_IDENTITY}:sub`;

/** Someone who asks the identity pool (or STS directly) for credentials. */
export interface Principal {
  /** Column key. */
  readonly key: string;
  /** Column heading. */
  readonly label: string;
  /** Why this principal is in the matrix, and what its token carries. */
  readonly why: string;
  /** The identity id (`cognito-identity.amazonaws.com:sub`). */
  readonly identityId: string;
  /** Whether the identity was issued by the reference app's identity pool, or by another one. */
  readonly foreign: boolean;
  /** Signed in (amr `authenticated`) or a guest (amr `unauthenticated`). */
  readonly authenticated: boolean;
  /** ID token claims (e.g. `custom:department`); `cognito:groups` is given by `groups`. */
  readonly claims: { [claim: string]: string };
  /** User-pool groups (the `cognito:groups` claim). */
  readonly groups: string[];
}

/** A request a principal makes with its credentials. */
export interface RequestSpec {
  readonly action: string;
  readonly resource: string;
  /** Context keys of the request itself (e.g. `s3:prefix`), on top of the principal's. */
  readonly context?: { [key: string]: string };
  /** The bucket whose policy applies too. */
  readonly bucketPolicyOf?: string;
  /** The REST API whose resource policy applies too, when it has one. */
  readonly apiPolicyOf?: string;
}

/** A row of the matrix. */
export interface ActionSpec {
  /** Row key. */
  readonly key: string;
  /** Row heading (markdown). */
  readonly label: string;
  /** The request this principal makes for this action. */
  request(world: AccessWorld, principal: Principal): RequestSpec;
}

/** The credentials a principal ends up with. */
export interface Credentials {
  readonly roleId: string;
  readonly sessionTags: { [tag: string]: string };
  /** How they were obtained, for failure messages. */
  readonly how: string;
}

/** Expected or evaluated results: action key -> principal key -> cell. */
export interface Matrix {
  readonly [action: string]: { readonly [principal: string]: Cell };
}

/** The logical ids the evaluation needs besides Cognito's own resources. */
export interface WorldIds {
  readonly restApi: string;
  readonly dataBucket: string;
}

/** The deployed world of one template, as far as the matrix needs it. */
export class AccessWorld {
  readonly sim: AccessSimulator;
  readonly poolLogicalId: string;
  readonly poolId: string;
  /** The provider name of the pool's user pool, `cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly providerName: string;
  readonly clientId: string;

  constructor(readonly template: TemplateJson, readonly ids: WorldIds) {
    this.sim = new AccessSimulator(template);
    const pools = this.sim.resolver.idsOfType('AWS::Cognito::IdentityPool');
    if (pools.length !== 1) throw new Error(`expected one identity pool, found ${pools.length}`);
    this.poolLogicalId = pools[0];
    this.poolId = this.sim.resolver.ref(this.poolLogicalId);
    const providers = this.pool.CognitoIdentityProviders ?? [];
    if (providers.length !== 1) throw new Error(`expected one user-pool provider, found ${providers.length}`);
    this.providerName = this.sim.resolver.resolve(providers[0].ProviderName);
    this.clientId = this.sim.resolver.resolve(providers[0].ClientId);
  }

  private get pool(): any {
    return this.sim.resolver.resource(this.poolLogicalId).Properties;
  }

  /** The data bucket's name. */
  get bucketName(): string {
    return this.sim.resolver.ref(this.ids.dataBucket);
  }

  /** An object ARN of the data bucket. */
  objectArn(key: string): string {
    return `arn:aws:s3:::${this.bucketName}/${key}`;
  }

  /** The data bucket's ARN. */
  get bucketArn(): string {
    return `arn:aws:s3:::${this.bucketName}`;
  }

  /** The method ARN API Gateway authorizes for a request to the stage. */
  methodArn(method: string, path: string): string {
    const stages = this.sim.resolver.idsOfType('AWS::ApiGateway::Stage')
      .filter((id) => this.sim.resolver.resource(id).Properties.RestApiId?.Ref === this.ids.restApi);
    if (stages.length !== 1) throw new Error(`expected one stage of ${this.ids.restApi}, found ${stages.length}`);
    const stage = this.sim.resolver.ref(stages[0]);
    return `arn:aws:execute-api:${FAKE_REGION}:${FAKE_ACCOUNT}:${this.sim.resolver.ref(this.ids.restApi)}/${stage}/${method}${path}`;
  }

  /** The `aud` and `amr` of the principal's web identity token, as Cognito writes them. */
  token(principal: Principal): { aud: string; amr: string[] } {
    if (!principal.authenticated) return { aud: principal.foreign ? FOREIGN_POOL_ID : this.poolId, amr: ['unauthenticated'] };
    const provider = principal.foreign ? FOREIGN_PROVIDER : this.providerName;
    return {
      aud: principal.foreign ? FOREIGN_POOL_ID : this.poolId,
      amr: ['authenticated', provider, `${provider}:CognitoSignIn:${principal.identityId.split(':')[1]}`],
    };
  }

  /** Every set of credentials the principal can obtain (none, one, or several). */
  async credentials(principal: Principal): Promise<Credentials[]> {
    const token = this.token(principal);
    const obtained: Credentials[] = [];
    const roles = this.sim.resolver.idsOfType('AWS::IAM::Role').filter((id) => this.trustsCognito(id));
    // A token of another pool (or any token with the classic flow) can be presented to STS for any role ARN.
    const direct = principal.foreign || this.pool.AllowClassicFlow === true;
    if (direct) {
      for (const roleId of roles) {
        if (await this.sim.canAssume(roleId, token) === 'Allowed') {
          obtained.push({ roleId, sessionTags: {}, how: 'AssumeRoleWithWebIdentity with the token, role chosen by the caller' });
        }
      }
    }
    if (principal.foreign) return obtained;
    if (!principal.authenticated && this.pool.AllowUnauthenticatedIdentities !== true) return obtained; // GetId refused
    const roleArn = this.enhancedFlowRole(principal);
    if (roleArn === undefined) return obtained;
    const roleId = roles.find((id) => this.sim.resolver.getAtt(id, 'Arn') === roleArn);
    if (roleId === undefined) throw new Error(`the role attachment names ${roleArn}, which no Cognito-trusted role of the template has`);
    const sessionTags = principal.authenticated ? this.sessionTags(principal) : {};
    const trusted = await this.sim.canAssume(roleId, token) === 'Allowed'
      && (Object.keys(sessionTags).length === 0 || this.trustAllowsTagSession(roleId));
    if (trusted) obtained.push({ roleId, sessionTags, how: 'GetCredentialsForIdentity (enhanced flow)' });
    return obtained;
  }

  /** The decision for one cell. */
  async evaluate(principal: Principal, action: ActionSpec): Promise<Cell> {
    const creds = await this.credentials(principal);
    if (creds.length === 0) return Cell.NO_CREDENTIALS;
    const spec = action.request(this, principal);
    for (const c of creds) {
      if (await this.decide(principal, c, spec) === 'Allowed') return Cell.ALLOW;
    }
    return Cell.DENY;
  }

  /** Every cell of the matrix. */
  async evaluateAll(principals: Principal[], actions: ActionSpec[]): Promise<Matrix> {
    const out: { [action: string]: { [principal: string]: Cell } } = {};
    for (const action of actions) {
      out[action.key] = {};
      for (const principal of principals) out[action.key][principal.key] = await this.evaluate(principal, action);
    }
    return out;
  }

  private async decide(principal: Principal, creds: Credentials, spec: RequestSpec): Promise<Decision> {
    const tagContext = Object.fromEntries(Object.entries(creds.sessionTags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v]));
    const context = {
      [SUB_KEY]: principal.identityId,
      'aws:PrincipalArn': this.sim.resolver.getAtt(creds.roleId, 'Arn'),
      'aws:PrincipalAccount': FAKE_ACCOUNT,
      ...tagContext,
      ...(spec.context ?? {}),
    };
    const identity = await this.sim.request(creds.roleId, { action: spec.action, resource: spec.resource, context });
    const resourcePolicy = spec.bucketPolicyOf !== undefined ? this.bucketPolicy(spec.bucketPolicyOf)
      : spec.apiPolicyOf !== undefined ? this.apiPolicy(spec.apiPolicyOf) : undefined;
    if (resourcePolicy === undefined) return identity;
    // S3 and API Gateway do not know the identity-id key: the resource policy is simulated without it
    // (the harness refuses a decision that ignored a context key), then both decisions combine as
    // within one account.
    const { [SUB_KEY]: _sub, ...withoutSub } = context;
    const withResource = await this.sim.request(creds.roleId, { action: spec.action, resource: spec.resource, context: withoutSub, resourcePolicy });
    if (identity === 'ExplicitlyDenied' || withResource === 'ExplicitlyDenied') return 'ExplicitlyDenied';
    return identity === 'Allowed' || withResource === 'Allowed' ? 'Allowed' : 'ImplicitlyDenied';
  }

  /** The API's resource policy, `execute-api:/...` expanded to the API's ARN as API Gateway does. */
  private apiPolicy(restApiId: string): any {
    const policy = this.sim.resolver.resource(restApiId).Properties?.Policy;
    if (policy === undefined) return undefined;
    const prefix = `arn:aws:execute-api:${FAKE_REGION}:${FAKE_ACCOUNT}:${this.sim.resolver.ref(restApiId)}/`;
    return JSON.parse(JSON.stringify(this.sim.resolver.resolve(policy)).split('"execute-api:/').join(`"${prefix}`));
  }

  private bucketPolicy(bucketId: string): any {
    const policies = Object.values(this.template.Resources)
      .filter((r) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties?.Bucket?.Ref === bucketId);
    if (policies.length !== 1) throw new Error(`expected one bucket policy on ${bucketId}, found ${policies.length}`);
    return this.sim.resolver.resolve(policies[0].Properties.PolicyDocument);
  }

  /**
   * The simulator drops the cognito-identity keys for `sts:TagSession` (its action model does not
   * list them), so this is structural: an allow statement that lists `sts:TagSession` next to
   * `sts:AssumeRoleWithWebIdentity`, under the very conditions the simulation just passed, and
   * no deny of it.
   */
  private trustAllowsTagSession(roleId: string): boolean {
    const statements: any[] = this.sim.trustPolicy(roleId).Statement ?? [];
    const actions = (s: any) => [s.Action].flat();
    return statements.some((s) => s.Effect === 'Allow' && actions(s).includes('sts:TagSession') && actions(s).includes('sts:AssumeRoleWithWebIdentity'))
      && !statements.some((s) => s.Effect === 'Deny' && actions(s).some((a: string) => a === 'sts:TagSession' || a === 'sts:*' || a === '*'));
  }

  private trustsCognito(roleId: string): boolean {
    const trust = this.sim.trustPolicy(roleId);
    return (trust.Statement ?? []).some((s: any) => [s.Principal?.Federated].flat().includes(COGNITO_IDENTITY));
  }

  /** The role ARN GetCredentialsForIdentity returns, per the role attachment; undefined for Deny. */
  private enhancedFlowRole(principal: Principal): string | undefined {
    const attachments = this.sim.resolver.idsOfType('AWS::Cognito::IdentityPoolRoleAttachment');
    if (attachments.length !== 1) throw new Error(`expected one role attachment, found ${attachments.length}`);
    const props = this.sim.resolver.resource(attachments[0]).Properties;
    const roles = this.sim.resolver.resolve(props.Roles ?? {});
    if (!principal.authenticated) return roles.unauthenticated;
    const providerKey = `${this.providerName}:${this.clientId}`;
    const mapping = Object.values<any>(props.RoleMappings ?? {})
      .find((m) => this.sim.resolver.resolve(m.IdentityProvider) === providerKey);
    if (!mapping) return roles.authenticated;
    const ambiguous = () => (mapping.AmbiguousRoleResolution === 'Deny' ? undefined : roles.authenticated);
    if (mapping.Type === 'Token') return this.preferredRole(principal) ?? ambiguous();
    for (const rule of mapping.RulesConfiguration?.Rules ?? []) {
      if (ruleMatches(rule, this.claimsOf(principal))) return this.sim.resolver.resolve(rule.RoleARN);
    }
    return ambiguous();
  }

  /**
   * `cognito:preferred_role`: the role of the user's group with the lowest precedence. Several
   * groups with roles and no single lowest precedence: no preferred role (ambiguous).
   */
  private preferredRole(principal: Principal): string | undefined {
    const groups = this.sim.resolver.idsOfType('AWS::Cognito::UserPoolGroup')
      .map((id) => this.sim.resolver.resource(id).Properties)
      .filter((g) => principal.groups.includes(g.GroupName) && g.RoleArn !== undefined);
    if (groups.length === 0) return undefined;
    const ranked = [...groups].sort((a, b) => (a.Precedence ?? Infinity) - (b.Precedence ?? Infinity));
    if (ranked.length > 1 && (ranked[0].Precedence === undefined || ranked[0].Precedence === ranked[1].Precedence)) return undefined;
    return this.sim.resolver.resolve(ranked[0].RoleArn);
  }

  private claimsOf(principal: Principal): { [claim: string]: string } {
    return { ...principal.claims, 'cognito:groups': principal.groups.join(',') };
  }

  /** Session tags from the principal-tag mapping of the user-pool provider (tag <- claim). */
  private sessionTags(principal: Principal): { [tag: string]: string } {
    const tags: { [tag: string]: string } = {};
    for (const id of this.sim.resolver.idsOfType('AWS::Cognito::IdentityPoolPrincipalTag')) {
      const props = this.sim.resolver.resource(id).Properties;
      if (this.sim.resolver.resolve(props.IdentityProviderName) !== this.providerName) continue;
      if (props.UseDefaults) {
        tags.client = this.clientId;
        tags.username = principal.identityId;
      }
      for (const [tag, claim] of Object.entries<string>(props.PrincipalTags ?? {})) {
        const value = this.claimsOf(principal)[claim];
        if (value !== undefined) tags[tag] = value;
      }
    }
    return tags;
  }
}

function ruleMatches(rule: any, claims: { [claim: string]: string }): boolean {
  const value = claims[rule.Claim];
  if (value === undefined) return false;
  switch (rule.MatchType) {
    case 'Equals': return value === rule.Value;
    case 'NotEqual': return value !== rule.Value;
    case 'StartsWith': return value.startsWith(rule.Value);
    case 'Contains': return value.includes(rule.Value);
    default: throw new Error(`unknown match type ${rule.MatchType}`);
  }
}

/** Another identity pool of the same account and region: a token it issues has its own `aud`. */
export const FOREIGN_POOL_ID = `${FAKE_REGION}:99999999-9999-9999-9999-999999999999`;
const FOREIGN_PROVIDER = `cognito-idp.${FAKE_REGION}.amazonaws.com/${FAKE_REGION}_Foreign`;

/** The cells that differ, one line each: action, principal, expected, actual. */
export function compareMatrices(expected: Matrix, actual: Matrix, principals: Principal[], actions: ActionSpec[]): string[] {
  const wrong: string[] = [];
  for (const action of actions) {
    for (const principal of principals) {
      const want = expected[action.key]?.[principal.key];
      const got = actual[action.key]?.[principal.key];
      if (want !== got) wrong.push(`${action.key} x ${principal.key}: expected ${want ?? '(missing)'}, simulated ${got ?? '(missing)'}`);
    }
  }
  return wrong;
}

const SYMBOL: { [cell: string]: string } = {
  [Cell.ALLOW]: '✅',
  [Cell.DENY]: '❌',
  [Cell.NO_CREDENTIALS]: 'no credentials',
};

/** The matrix as a markdown table: rows are actions, columns principals. */
export function renderTable(matrix: Matrix, principals: Principal[], actions: ActionSpec[]): string {
  const lines = [
    `| action | ${principals.map((p) => p.label).join(' | ')} |`,
    `| --- | ${principals.map(() => ':---:').join(' | ')} |`,
  ];
  for (const action of actions) {
    lines.push(`| ${action.label} | ${principals.map((p) => SYMBOL[matrix[action.key][p.key]]).join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// The reference app (examples/app.ts): departments finance, hr and engineering in one bucket
// (prefix per department, the department from the immutable `custom:department` attribute),
// group role for finance, API routes GET /me (every signed-in user) and GET /finance/report
// (group finance), guests off.

const DEPARTMENT_CLAIM = 'custom:department';
const identity = (hex: string) => `${FAKE_REGION}:${hex.repeat(8)}-${hex.repeat(4)}-4${hex.repeat(3)}-8${hex.repeat(3)}-${hex.repeat(12)}`;

/** The principals of the reference app's matrix, in column order. */
export const REFERENCE_PRINCIPALS: Principal[] = [
  {
    key: 'guest',
    label: 'guest',
    why: 'a visitor who did not sign in: amr `unauthenticated`, aud this pool. Guests are off in the reference app, so Cognito refuses GetId and no guest role exists; every role\'s trust also requires amr `authenticated`.',
    identityId: identity('0'),
    foreign: false,
    authenticated: false,
    claims: {},
    groups: [],
  },
  {
    key: 'financeA',
    label: 'finance user A',
    why: 'signed in, `custom:department` = finance, in no group: amr `authenticated` plus the user-pool provider entries, aud this pool; the token-based mapping finds no `cognito:preferred_role`, so the authenticated role; session tag department=finance from the principal-tag mapping; identity id A.',
    identityId: identity('a'),
    foreign: false,
    authenticated: true,
    claims: { [DEPARTMENT_CLAIM]: 'finance' },
    groups: [],
  },
  {
    key: 'financeB',
    label: 'finance user B',
    why: 'the same as A with another identity id (B): proves users of one department cannot reach each other\'s private areas.',
    identityId: identity('b'),
    foreign: false,
    authenticated: true,
    claims: { [DEPARTMENT_CLAIM]: 'finance' },
    groups: [],
  },
  {
    key: 'hr',
    label: 'hr user',
    why: 'signed in, `custom:department` = hr, in no group: the authenticated role with session tag department=hr.',
    identityId: identity('c'),
    foreign: false,
    authenticated: true,
    claims: { [DEPARTMENT_CLAIM]: 'hr' },
    groups: [],
  },
  {
    key: 'engineering',
    label: 'engineering user',
    why: 'signed in, `custom:department` = engineering, in no group: the authenticated role with session tag department=engineering.',
    identityId: identity('d'),
    foreign: false,
    authenticated: true,
    claims: { [DEPARTMENT_CLAIM]: 'engineering' },
    groups: [],
  },
  {
    key: 'financeGroup',
    label: 'group finance member',
    why: 'signed in, in user-pool group finance (which has a role) and `custom:department` = finance: `cognito:preferred_role` is the finance group role, which the token-based mapping returns; session tag department=finance; identity id E.',
    identityId: identity('e'),
    foreign: false,
    authenticated: true,
    claims: { [DEPARTMENT_CLAIM]: 'finance' },
    groups: ['finance'],
  },
  {
    key: 'foreign',
    label: 'identity of another pool',
    why: `signed in at another identity pool (aud \`${FOREIGN_POOL_ID}\`) whose token claims department finance: it may present its token to STS for any role ARN of this app (classic flow or a role mapping in its own pool), and every trust policy refuses its aud.`,
    identityId: identity('f'),
    foreign: true,
    authenticated: true,
    claims: { [DEPARTMENT_CLAIM]: 'finance' },
    groups: ['finance'],
  },
];

const DEPARTMENTS = ['finance', 'hr', 'engineering'];
const ownDepartment = (p: Principal) => p.claims[DEPARTMENT_CLAIM] ?? 'finance';
const otherDepartment = (p: Principal) => (ownDepartment(p) === 'hr' ? 'finance' : 'hr');
const privateArea = (department: string, identityId: string) => `departments/${department}/users/${identityId}/`;
const USER_A = REFERENCE_PRINCIPALS[1];

/** Invoking a route: the method ARN with the stage, under the role's policies and the API's resource policy. */
export const invoke = (method: string, path: string, note = ''): ActionSpec => ({
  key: `invoke ${method} ${path}`,
  label: `invoke \`${method} ${path}\`${note}`,
  request: (w) => ({ action: 'execute-api:Invoke', resource: w.methodArn(method, path), apiPolicyOf: w.ids.restApi }),
});
const getObject = (key: string, label: string, area: (p: Principal) => string): ActionSpec => ({
  key, label, request: (w, p) => ({ action: 's3:GetObject', resource: w.objectArn(`${area(p)}file.txt`), bucketPolicyOf: w.ids.dataBucket }),
});
const putObject = (key: string, label: string, area: (p: Principal) => string): ActionSpec => ({
  key, label, request: (w, p) => ({ action: 's3:PutObject', resource: w.objectArn(`${area(p)}file.txt`), bucketPolicyOf: w.ids.dataBucket }),
});
const list = (key: string, label: string, prefix: (p: Principal) => string | undefined): ActionSpec => ({
  key,
  label,
  request: (w, p) => {
    const value = prefix(p);
    const context: { [key: string]: string } = value === undefined ? {} : { 's3:prefix': value };
    return { action: 's3:ListBucket', resource: w.bucketArn, context, bucketPolicyOf: w.ids.dataBucket };
  },
});

/** The actions of the reference app's matrix, in row order. */
export const REFERENCE_ACTIONS: ActionSpec[] = [
  invoke('GET', '/me'),
  invoke('GET', '/finance/report'),
  invoke('POST', '/me', ' (no such route)'),
  ...DEPARTMENTS.flatMap((d) => [
    getObject(`read ${d} shared`, `read \`departments/${d}/shared/\``, () => `departments/${d}/shared/`),
    putObject(`write ${d} shared`, `write \`departments/${d}/shared/\``, () => `departments/${d}/shared/`),
    list(`list ${d} shared`, `list \`departments/${d}/shared/\``, () => `departments/${d}/shared/`),
  ]),
  getObject('read own private', 'read own private area `departments/<own>/users/<own id>/`', (p) => privateArea(ownDepartment(p), p.identityId)),
  putObject('write own private', 'write own private area', (p) => privateArea(ownDepartment(p), p.identityId)),
  list('list own private', 'list own private area', (p) => privateArea(ownDepartment(p), p.identityId)),
  getObject('read A private', 'read finance user A\'s private area', () => privateArea('finance', USER_A.identityId)),
  putObject('write A private', 'write finance user A\'s private area', () => privateArea('finance', USER_A.identityId)),
  list('list A private', 'list finance user A\'s private area', () => privateArea('finance', USER_A.identityId)),
  putObject('write own id elsewhere', 'write `departments/<other department>/users/<own id>/`', (p) => privateArea(otherDepartment(p), p.identityId)),
  list('list root', 'list the bucket root (`s3:prefix` empty)', () => ''),
  list('list no prefix', 'list the whole bucket (no `s3:prefix`)', () => undefined),
  list('list departments', 'list `departments/`', () => 'departments/'),
  {
    key: 'read own private over http',
    label: 'read own private area without TLS (`aws:SecureTransport` false)',
    request: (w, p) => ({
      action: 's3:GetObject',
      resource: w.objectArn(`${privateArea(ownDepartment(p), p.identityId)}file.txt`),
      context: { 'aws:SecureTransport': 'false' },
      bucketPolicyOf: w.ids.dataBucket,
    }),
  },
];

/** docs/ACCESS-MATRIX.md: how the matrix is made, what each principal carries, and the table. */
export function renderDocument(matrix: Matrix, principals: Principal[], actions: ActionSpec[]): string {
  return [
    '# Access matrix of the reference app',
    '',
    '<!-- Generated by test/proof/access-matrix.test.ts: do not edit by hand. Update with',
    '     UPDATE_ACCESS_MATRIX=1 npx jest test/proof/access-matrix.test.ts -->',
    '',
    'Who can do what in the reference app (`examples/app.ts`): a user pool with groups finance, hr',
    'and engineering; an identity pool (guests off, classic flow off) with a role for group finance',
    'and the principal tag `department` taken from the immutable `custom:department` attribute; an',
    'IAM-authorized API with `GET /me` (every signed-in user) and `GET /finance/report` (group',
    'finance); one bucket with a prefix per department and a private area per identity.',
    '',
    'Every cell is an IAM policy simulation (@cloud-copilot/iam-simulate) of the synthesized',
    'template, and the test compares each cell with an expectation written by hand: a change in',
    'any policy that changes a cell fails the test.',
    '',
    '## How a cell is evaluated',
    '',
    'The simulator evaluates IAM, not Cognito. What Cognito does is modelled from the template,',
    'following the Cognito developer guide:',
    '',
    '1. **An identity at all?** An unauthenticated identity exists only when the identity pool has',
    '   `AllowUnauthenticatedIdentities: true`.',
    '2. **Which role?** The enhanced flow (GetCredentialsForIdentity) returns the role the role',
    '   attachment picks: token-based mapping returns `cognito:preferred_role` (the role of the',
    '   user\'s group with the lowest precedence), else the ambiguous-role resolution (here the',
    '   authenticated role); guests get the `unauthenticated` role when there is one.',
    '3. **Which session tags?** The principal-tag mapping of the user-pool provider turns token',
    '   claims into session tags (`department` <- `custom:department`).',
    '4. **Does STS agree?** The role\'s trust policy is simulated for `sts:AssumeRoleWithWebIdentity`',
    '   (`sts:TagSession`, needed when tags are passed, must sit in the same statement) with the token\'s',
    '   `cognito-identity.amazonaws.com:aud` (the identity pool id) and',
    '   `cognito-identity.amazonaws.com:amr` (`authenticated` or `unauthenticated`, then the',
    '   provider entries). A token of another identity pool may be presented for any role ARN, so',
    '   every role of the app is tried with it. No credentials: **no credentials** in the table.',
    '5. **The request.** The role\'s identity policies are simulated with',
    '   `cognito-identity.amazonaws.com:sub` (the identity id), `aws:PrincipalTag/department`,',
    '   `aws:SecureTransport` (true unless the row says otherwise) and, for ListBucket, `s3:prefix`;',
    '   S3 requests are also simulated against the bucket policy, API calls against the API\'s',
    '   resource policy when it has one.',
    '',
    '## Principals',
    '',
    ...principals.map((p) => `- **${p.label}**: ${p.why}`),
    '',
    '## Matrix',
    '',
    '✅ allowed, ❌ denied, **no credentials**: the principal gets no AWS credentials for this app.',
    '',
    renderTable(matrix, principals, actions),
  ].join('\n');
}
