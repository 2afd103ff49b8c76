/**
 * Access claims of PerDepartmentBucketAccess, proven by an independent IAM policy simulator over
 * the synthesized policies (see test/helpers/iam-simulation.ts), for the three ways to run it.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  CognitoUserPoolAuth, DepartmentIsolation, FederatedIdentityPool, PerDepartmentBucketAccess, PerDepartmentBucketAccessProps,
} from '../src';
import { newTestStack } from './helpers/app';
import { AccessSimulator, Decision } from './helpers/iam-simulation';
import { FAKE_ACCOUNT } from './helpers/template-resolver';

type Mode = 'bucket per department' | 'prefix, department from group' | 'prefix, department from attribute';
const MODES: Mode[] = ['bucket per department', 'prefix, department from group', 'prefix, department from attribute'];

const DEPARTMENTS = [{ name: 'finance' }, { name: 'hr' }, { name: 'legal', readOnly: true }];
/** Two users in finance, one in each other department. */
const USERS: { [user: string]: string } = { alice: 'finance', bob: 'finance', carol: 'hr', dave: 'legal' };
const identityId = (user: string) => `us-east-1:${user}-0000`;

const ALLOWED: Decision = 'Allowed';
const DENIED: Decision = 'ImplicitlyDenied';

/** The deployed world of one mode: who has which role and context, and where each area is. */
class World {
  readonly stack: Stack;
  readonly pool: FederatedIdentityPool;
  readonly access: PerDepartmentBucketAccess;
  readonly sim: AccessSimulator;
  private readonly template: any;

  constructor(readonly mode: Mode, extra: Partial<PerDepartmentBucketAccessProps> = {}, allowGuests = false) {
    this.stack = newTestStack();
    const auth = new CognitoUserPoolAuth(this.stack, 'Auth');
    this.pool = new FederatedIdentityPool(this.stack, 'Pool', { userPoolAuth: auth, allowGuests });
    this.access = new PerDepartmentBucketAccess(this.stack, 'Access', {
      identityPool: this.pool,
      departments: DEPARTMENTS,
      isolation: mode === 'bucket per department' ? DepartmentIsolation.BUCKET_PER_DEPARTMENT : DepartmentIsolation.PREFIX_PER_DEPARTMENT,
      departmentAttribute: mode === 'prefix, department from attribute' ? 'custom:department' : undefined,
      ...extra,
    });
    this.template = Template.fromStack(this.stack).toJSON();
    this.sim = simulatorOf(this.template);
  }

  logicalId(construct: { node: { defaultChild?: any } }): string {
    return this.stack.resolve((construct.node.defaultChild as CfnElement).logicalId);
  }

  /** The role a user's credentials are for (token-based mapping picks the group's role). */
  roleOf(user: string): string {
    const department = USERS[user];
    return this.mode === 'prefix, department from attribute'
      ? this.logicalId(this.pool.authenticatedRole)
      : this.logicalId(this.access.roleFor(department));
  }

  /**
   * The request context of a user: the identity id, and the principal tags IAM sees. Role tags
   * are read from the synthesized role (not assumed); session tags come from the claim value.
   */
  contextOf(user: string): { [key: string]: string } {
    const context: { [key: string]: string } = { 'cognito-identity.amazonaws.com:sub': identityId(user) };
    if (this.mode === 'prefix, department from attribute') {
      context['aws:PrincipalTag/department'] = USERS[user]; // the custom:department claim
    } else {
      for (const tag of this.template.Resources[this.roleOf(user)].Properties.Tags ?? []) {
        // bucket mode: the bucket's name (a Ref), resolved as deployed
        context[`aws:PrincipalTag/${tag.Key}`] = this.sim.resolver.resolve(tag.Value);
      }
    }
    return context;
  }

  bucketArn(department: string): string {
    return `arn:aws:s3:::${this.sim.resolver.ref(this.logicalId(this.access.bucketFor(department)))}`;
  }

  prefix(department: string): string {
    return this.mode === 'bucket per department' ? '' : `departments/${department}/`;
  }

  sharedKey(department: string): string {
    return `${this.prefix(department)}shared/`;
  }

  userKey(user: string): string {
    return `${this.prefix(USERS[user])}users/${identityId(user)}/`;
  }

  bucketPolicy(department: string): any {
    const bucketId = this.logicalId(this.access.bucketFor(department));
    const [policy] = Object.values(this.template.Resources).filter((r: any) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties.Bucket.Ref === bucketId);
    return this.sim.resolver.resolve((policy as any).Properties.PolicyDocument);
  }

  async object(user: string, action: string, department: string, key: string,
    extra: { [k: string]: string } = {}, withBucketPolicy = false): Promise<Decision> {
    return this.objectAs(this.roleOf(user), this.contextOf(user), action, department, key, extra, withBucketPolicy);
  }

  async objectAs(roleId: string, context: { [k: string]: string }, action: string, department: string, key: string,
    extra: { [k: string]: string } = {}, withBucketPolicy = false): Promise<Decision> {
    return this.decide(roleId, action, `${this.bucketArn(department)}/${key}`, { ...context, ...extra }, withBucketPolicy ? department : undefined);
  }

  /**
   * The decision for a request, with the department bucket's policy when asked. The harness
   * refuses a resource policy next to the identity-id key (S3 does not know that key, so the
   * resource-only simulation reports it as ignored), and the bucket policies never use it: the
   * identity policies are simulated with the key, the bucket policy without it, and the two
   * decisions combined as IAM does within one account.
   */
  private async decide(roleId: string, action: string, resource: string, context: { [k: string]: string }, department?: string): Promise<Decision> {
    const identity = await this.sim.request(roleId, { action, resource, context });
    if (department === undefined) return identity;
    const { ['cognito-identity.amazonaws.com:sub']: _sub, ...withoutSub } = context;
    const withBucket = await this.sim.request(roleId, { action, resource, context: withoutSub, resourcePolicy: this.bucketPolicy(department) });
    if (identity === 'ExplicitlyDenied' || withBucket === 'ExplicitlyDenied') return 'ExplicitlyDenied';
    return identity === 'Allowed' || withBucket === 'Allowed' ? 'Allowed' : 'ImplicitlyDenied';
  }

  /** The identity-policy decision for any resource ARN. */
  async decideRaw(roleId: string, action: string, resource: string, context: { [k: string]: string }): Promise<Decision> {
    return this.decide(roleId, action, resource, context);
  }

  /** ListBucket; `prefix` undefined means a request without the prefix parameter. */
  async list(user: string, department: string, prefix: string | undefined): Promise<Decision> {
    return this.listAs(this.roleOf(user), this.contextOf(user), department, prefix);
  }

  async listAs(roleId: string, context: { [k: string]: string }, department: string, prefix: string | undefined,
    withBucketPolicy = false): Promise<Decision> {
    return this.decide(roleId, 's3:ListBucket', this.bucketArn(department),
      prefix === undefined ? context : { ...context, 's3:prefix': prefix }, withBucketPolicy ? department : undefined);
  }
}

/**
 * The shared AccessSimulator reads `Properties.Roles` of every resource as a list before checking
 * its type, and the identity pool's role attachment has a `Roles` map: leave that resource (which
 * grants nothing) out of the simulated template until the helper checks the type first.
 */
function simulatorOf(template: any): AccessSimulator {
  const resources = Object.fromEntries(Object.entries(template.Resources as { [id: string]: any })
    .filter(([, r]) => r.Type !== 'AWS::Cognito::IdentityPoolRoleAttachment'));
  return new AccessSimulator({ ...template, Resources: resources });
}

const firstUserOf = (department: string) => Object.keys(USERS).find((u) => USERS[u] === department)!;
const PAIRS: Array<[string, string]> = DEPARTMENTS.flatMap((a) => DEPARTMENTS.map((b) => [a.name, b.name] as [string, string]));

describe.each(MODES)('%s', (mode) => {
  test.each(PAIRS)('a member of %s in the shared area of %s', async (own, target) => {
    // GIVEN
    const world = new World(mode);
    const user = firstUserOf(own);
    const shared = world.sharedKey(target);
    // WHEN
    const read = await world.object(user, 's3:GetObject', target, `${shared}report.pdf`);
    const write = await world.object(user, 's3:PutObject', target, `${shared}report.pdf`);
    const remove = await world.object(user, 's3:DeleteObject', target, `${shared}report.pdf`);
    const list = await world.list(user, target, shared);
    const listBelow = await world.list(user, target, `${shared}2026/`);
    // THEN
    const readOnly = DEPARTMENTS.find((d) => d.name === own)!.readOnly ?? false;
    if (own === target) {
      expect([read, list, listBelow]).toEqual([ALLOWED, ALLOWED, ALLOWED]);
      expect([write, remove]).toEqual(readOnly ? [DENIED, DENIED] : [ALLOWED, ALLOWED]);
    } else {
      expect([read, write, remove, list, listBelow]).toEqual([DENIED, DENIED, DENIED, DENIED, DENIED]);
    }
  });

  test.each(PAIRS)('a member of %s and the private areas of %s', async (own, target) => {
    // GIVEN
    const world = new World(mode);
    const user = firstUserOf(own);
    const owner = firstUserOf(target);
    // WHEN
    const area = world.userKey(owner);
    const decisions = [
      await world.object(user, 's3:GetObject', target, `${area}notes.txt`),
      await world.object(user, 's3:PutObject', target, `${area}notes.txt`),
      await world.object(user, 's3:DeleteObject', target, `${area}notes.txt`),
      await world.object(user, 's3:AbortMultipartUpload', target, `${area}big.bin`),
      await world.list(user, target, area),
    ];
    // THEN: their own area only (read-only departments included)
    expect(decisions).toEqual(new Array(5).fill(user === owner ? ALLOWED : DENIED));
  });

  test('two users of one department: each reaches their own area, never the other\'s', async () => {
    // GIVEN
    const world = new World(mode);
    // WHEN / THEN
    for (const [user, other] of [['alice', 'bob'], ['bob', 'alice']]) {
      expect(await world.object(user, 's3:GetObject', 'finance', `${world.userKey(user)}a.txt`)).toBe(ALLOWED);
      expect(await world.object(user, 's3:PutObject', 'finance', `${world.userKey(user)}a.txt`)).toBe(ALLOWED);
      expect(await world.list(user, 'finance', `${world.userKey(user)}`)).toBe(ALLOWED);
      expect(await world.object(user, 's3:GetObject', 'finance', `${world.userKey(other)}a.txt`)).toBe(DENIED);
      expect(await world.object(user, 's3:PutObject', 'finance', `${world.userKey(other)}a.txt`)).toBe(DENIED);
      expect(await world.object(user, 's3:DeleteObject', 'finance', `${world.userKey(other)}a.txt`)).toBe(DENIED);
      expect(await world.list(user, 'finance', world.userKey(other))).toBe(DENIED);
      // both share the department area
      expect(await world.object(user, 's3:GetObject', 'finance', `${world.sharedKey('finance')}plan.xlsx`)).toBe(ALLOWED);
    }
  });

  test('listing the bucket root, the users/ folder or without a prefix is denied', async () => {
    // GIVEN
    const world = new World(mode);
    // WHEN / THEN
    for (const prefix of [undefined, '', '/', world.prefix('finance'), `${world.prefix('finance')}users/`, `${world.prefix('finance')}users/*`, 'departments/', '*']) {
      expect(`${prefix}: ${await world.list('alice', 'finance', prefix)}`).toBe(`${prefix}: ${DENIED}`);
    }
  });

  test('keys next to the areas are denied: the bucket root, a sibling prefix, a prefix lookalike', async () => {
    // GIVEN
    const world = new World(mode);
    const base = world.prefix('finance');
    // WHEN / THEN
    for (const key of [`${base}secret.txt`, `${base}shared-archive/x`, `${base}users/${identityId('alice')}-evil/x`, 'other/x']) {
      expect(`${key}: ${await world.object('alice', 's3:GetObject', 'finance', key)}`).toBe(`${key}: ${DENIED}`);
    }
  });

  test('the bucket policy denies any request without TLS, even one the role allows', async () => {
    // GIVEN
    const world = new World(mode);
    const key = `${world.sharedKey('finance')}report.pdf`;
    // WHEN
    const overTls = await world.object('alice', 's3:GetObject', 'finance', key, { 'aws:SecureTransport': 'true' }, true);
    const plain = await world.object('alice', 's3:GetObject', 'finance', key, { 'aws:SecureTransport': 'false' }, true);
    const plainList = await world.listAs(world.roleOf('alice'), { ...world.contextOf('alice'), 'aws:SecureTransport': 'false' }, 'finance', world.sharedKey('finance'), true);
    // THEN
    expect(overTls).toBe(ALLOWED);
    expect(plain).toBe('ExplicitlyDenied');
    expect(plainList).toBe('ExplicitlyDenied');
  });

  test('guests (when the pool allows them) get nothing from the departments', async () => {
    // GIVEN
    const world = new World(mode, {}, true);
    const guest = world.logicalId(world.pool.guestRole!);
    const context = { 'cognito-identity.amazonaws.com:sub': 'us-east-1:guest-0000' };
    // WHEN / THEN
    for (const department of ['finance', 'legal']) {
      for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
        for (const key of [`${world.sharedKey(department)}x`, `${world.prefix(department)}users/us-east-1:guest-0000/x`]) {
          expect(await world.objectAs(guest, context, action, department, key, {}, true)).toBe(DENIED);
        }
      }
      expect(await world.listAs(guest, context, department, world.sharedKey(department), true)).toBe(DENIED);
      expect(await world.listAs(guest, context, department, undefined, true)).toBe(DENIED);
    }
  });

  test('the admin group reads and lists every department and every private area, and writes nothing', async () => {
    // GIVEN
    const world = new World(mode, { adminGroup: 'auditors' });
    const admin = world.logicalId(world.access.adminRole!);
    const context = { 'cognito-identity.amazonaws.com:sub': 'us-east-1:root-0000' };
    // WHEN / THEN (bucket mode grants through the bucket policies: include them)
    for (const department of ['finance', 'hr', 'legal']) {
      const owner = firstUserOf(department);
      expect(await world.objectAs(admin, context, 's3:GetObject', department, `${world.sharedKey(department)}x`, {}, true)).toBe(ALLOWED);
      expect(await world.objectAs(admin, context, 's3:GetObject', department, `${world.userKey(owner)}x`, {}, true)).toBe(ALLOWED);
      expect(await world.listAs(admin, context, department, world.prefix(department) || undefined, true)).toBe(ALLOWED);
      expect(await world.objectAs(admin, context, 's3:PutObject', department, `${world.sharedKey(department)}x`, {}, true)).toBe(DENIED);
      expect(await world.objectAs(admin, context, 's3:DeleteObject', department, `${world.userKey(owner)}x`, {}, true)).toBe(DENIED);
    }
    // and department members gain nothing from the admin statements
    expect(await world.object('carol', 's3:GetObject', 'finance', `${world.sharedKey('finance')}x`, {}, true)).toBe(DENIED);
  });
});

describe.each(['prefix, department from group', 'prefix, department from attribute'] as Mode[])('%s: the department tag', (mode) => {
  test('a principal without the department tag gets nothing', async () => {
    // GIVEN
    const world = new World(mode);
    const context = { 'cognito-identity.amazonaws.com:sub': identityId('alice') };
    // WHEN / THEN
    for (const key of ['departments/finance/shared/x', `departments/finance/users/${identityId('alice')}/x`, 'departments//shared/x', `departments//users/${identityId('alice')}/x`]) {
      expect(await world.objectAs(world.roleOf('alice'), context, 's3:GetObject', 'finance', key)).toBe(DENIED);
    }
    expect(await world.listAs(world.roleOf('alice'), context, 'finance', 'departments//shared/')).toBe(DENIED);
  });

  test('an empty tag or a tag with a slash cannot point into another area', async () => {
    // GIVEN
    const world = new World(mode);
    const role = world.roleOf('alice');
    const sub = { 'cognito-identity.amazonaws.com:sub': identityId('carol') };
    // WHEN: a tag crafted so that "departments/<tag>/shared/" lands in alice's private area
    const crafted = `finance/users/${identityId('alice')}`;
    // THEN
    expect(await world.objectAs(role, { ...sub, 'aws:PrincipalTag/department': crafted }, 's3:GetObject', 'finance',
      `departments/${crafted}/shared/x`)).toBe(DENIED);
    expect(await world.objectAs(role, { ...sub, 'aws:PrincipalTag/department': '' }, 's3:GetObject', 'finance', 'departments//shared/x')).toBe(DENIED);
  });
});

describe('bucket per department: the department-bucket tag', () => {
  test('each role carries its own bucket\'s name, read from the template', async () => {
    // GIVEN
    const world = new World('bucket per department');
    // THEN: the context the matrix used was read from the synthesized role tags
    const bucketName = (department: string) => world.sim.resolver.ref(world.logicalId(world.access.bucketFor(department)));
    expect(world.contextOf('alice')['aws:PrincipalTag/department-bucket']).toBe(bucketName('finance'));
    expect(world.contextOf('carol')['aws:PrincipalTag/department-bucket']).toBe(bucketName('hr'));
    expect(bucketName('finance')).not.toBe(bucketName('hr'));
  });

  test('a principal without the tag gets nothing, not even its department\'s bucket', async () => {
    // GIVEN
    const world = new World('bucket per department');
    const context = { 'cognito-identity.amazonaws.com:sub': identityId('alice') };
    // WHEN / THEN
    for (const key of ['shared/x', `users/${identityId('alice')}/x`]) {
      expect(await world.objectAs(world.roleOf('alice'), context, 's3:GetObject', 'finance', key)).toBe(DENIED);
      expect(await world.objectAs(world.roleOf('alice'), context, 's3:PutObject', 'finance', key)).toBe(DENIED);
    }
    expect(await world.listAs(world.roleOf('alice'), context, 'finance', 'shared/')).toBe(DENIED);
  });

  test('an empty tag or a tag with a slash cannot reach into a bucket', async () => {
    // GIVEN
    const world = new World('bucket per department');
    const role = world.roleOf('alice');
    const sub = { 'cognito-identity.amazonaws.com:sub': identityId('carol') };
    const finance = world.sim.resolver.ref(world.logicalId(world.access.bucketFor('finance')));
    // WHEN: a tag crafted so that "<tag>/shared/" lands in alice's private area of the finance bucket
    const crafted = `${finance}/users/${identityId('alice')}`;
    // THEN
    expect(await world.objectAs(role, { ...sub, 'aws:PrincipalTag/department-bucket': crafted }, 's3:GetObject', 'finance',
      `users/${identityId('alice')}/shared/x`)).toBe(DENIED);
    expect(await world.decideRaw(role, 's3:GetObject', 'arn:aws:s3:::/shared/x', { ...sub, 'aws:PrincipalTag/department-bucket': '' })).toBe(DENIED);
  });
});

describe('prefix, department from group', () => {
  test('the department comes from the role tag, which the role of each group carries', async () => {
    // GIVEN
    const world = new World('prefix, department from group');
    // THEN: the context the matrix used was read from the template, and differs per department
    expect(world.contextOf('alice')['aws:PrincipalTag/department']).toBe('finance');
    expect(world.contextOf('carol')['aws:PrincipalTag/department']).toBe('hr');
    // a role of one department with another department's tag in its session would be needed to cross over
    expect(await world.objectAs(world.roleOf('carol'), world.contextOf('carol'), 's3:GetObject', 'finance', 'departments/finance/shared/x')).toBe(DENIED);
  });

  test('department roles are assumable by authenticated identities of this pool only', async () => {
    // GIVEN
    const world = new World('prefix, department from group');
    const aud = world.sim.resolver.ref(world.stack.resolve(world.pool.identityPool.logicalId));
    // WHEN / THEN
    expect(await world.sim.canAssume(world.roleOf('alice'), { aud, amr: ['authenticated', 'cognito-idp'] })).toBe(ALLOWED);
    expect(await world.sim.canAssume(world.roleOf('alice'), { aud, amr: ['unauthenticated'] })).toBe(DENIED);
    expect(await world.sim.canAssume(world.roleOf('alice'), { aud: 'us-east-1:another-pool', amr: ['authenticated'] })).toBe(DENIED);
  });
});

describe('KMS', () => {
  test('department roles may use the key through S3 only', async () => {
    // GIVEN
    const stack = newTestStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    const access = new PerDepartmentBucketAccess(stack, 'Access', { identityPool: pool, departments: DEPARTMENTS, encryptionKey: key });
    const template = Template.fromStack(stack).toJSON();
    const sim = simulatorOf(template);
    const role = stack.getLogicalId(access.roleFor('legal').node.defaultChild as CfnElement);
    const keyId = stack.getLogicalId(key.node.defaultChild as CfnElement);
    // KMS needs the key policy too (it delegates to IAM through the account root): simulate both at once.
    const decide = async (action: string, context: { [k: string]: string }) => {
      const result: any = await runSimulation({
        request: {
          principal: `arn:aws:sts::${FAKE_ACCOUNT}:assumed-role/${sim.resolver.ref(role)}/CognitoIdentityCredentials`,
          action,
          resource: { resource: sim.resolver.getAtt(keyId, 'Arn'), accountId: FAKE_ACCOUNT },
          contextVariables: context,
        },
        identityPolicies: sim.identityPolicies(role),
        resourcePolicy: sim.resolver.resolve(template.Resources[keyId].Properties.KeyPolicy),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      }, {});
      expect(result.result.ignoredContextKeys ?? []).toEqual([]);
      return result.overallResult;
    };
    // WHEN / THEN
    const viaS3 = { 'kms:ViaService': 's3.us-east-1.amazonaws.com' };
    expect(await decide('kms:Decrypt', viaS3)).toBe(ALLOWED);
    expect(await decide('kms:GenerateDataKey', viaS3)).toBe(ALLOWED);
    expect(await decide('kms:Decrypt', {})).toBe(DENIED);
    expect(await decide('kms:Decrypt', { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' })).toBe(DENIED);
    expect(await decide('kms:ScheduleKeyDeletion', viaS3)).toBe(DENIED);
  });
});
