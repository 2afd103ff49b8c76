import { runSimulation } from '@cloud-copilot/iam-simulate';
import { CfnElement, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CognitoUserPoolAuth, FederatedIdentityPool, PolicyVariables } from '../src';
import { newTestStack } from './helpers/app';
import { AccessSimulator } from './helpers/iam-simulation';
import { FAKE_ACCOUNT } from './helpers/template-resolver';

// Access claims of FederatedIdentityPool, proven by simulating the synthesized policies.

const ALICE = 'us-east-1:11111111-1111-1111-1111-111111111111';
const BOB = 'us-east-1:22222222-2222-2222-2222-222222222222';
const SUB = PolicyVariables.IDENTITY_ID_KEY;

function roleId(stack: Stack, role: iam.IRole): string {
  return stack.getLogicalId(role.node.defaultChild as CfnElement);
}

interface Fixture {
  readonly stack: Stack;
  readonly pool: FederatedIdentityPool;
  readonly sim: () => AccessSimulator;
  readonly poolId: () => string;
}

function fixture(options: { allowGuests?: boolean; tags?: boolean } = {}): Fixture {
  const stack = newTestStack();
  const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance', precedence: 1 }] });
  const pool = new FederatedIdentityPool(stack, 'Pool', {
    userPoolAuth: auth,
    groupRoles: ['finance'],
    allowGuests: options.allowGuests,
    principalTags: options.tags ? { department: 'custom:department' } : undefined,
  });
  let cached: AccessSimulator | undefined;
  const sim = () => (cached ??= AccessSimulator.fromStack(stack));
  return { stack, pool, sim, poolId: () => sim().resolver.ref(stack.resolve(pool.identityPool.logicalId)) };
}

/** A web identity from another issuer, with this pool's claims copied: must still be refused. */
async function assumeAs(sim: AccessSimulator, role: string, principal: string, aud: string, amr: string[]): Promise<string> {
  const result = await runSimulation({
    request: {
      principal,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: { resource: `arn:aws:iam::${FAKE_ACCOUNT}:role/${sim.resolver.ref(role)}`, accountId: FAKE_ACCOUNT },
      contextVariables: {
        'cognito-identity.amazonaws.com:aud': aud,
        'cognito-identity.amazonaws.com:amr': amr,
        'accounts.google.com:aud': aud,
      },
    },
    identityPolicies: [],
    resourcePolicy: sim.trustPolicy(role),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }, {});
  if (result.resultType !== 'single') throw new Error(JSON.stringify(result));
  return result.overallResult;
}

describe('trust policies', () => {
  test('the authenticated role: only authenticated identities of this pool', async () => {
    // GIVEN
    const f = fixture();
    const auth = roleId(f.stack, f.pool.authenticatedRole);
    const sim = f.sim();
    // THEN
    expect(await sim.canAssume(auth, { aud: f.poolId(), amr: ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/pool'] })).toBe('Allowed');
    expect(await sim.canAssume(auth, { aud: 'us-east-1:99999999-9999-9999-9999-999999999999', amr: ['authenticated'] })).toBe('ImplicitlyDenied');
    expect(await sim.canAssume(auth, { aud: f.poolId(), amr: ['unauthenticated'] })).toBe('ImplicitlyDenied');
    expect(await assumeAs(sim, auth, 'accounts.google.com', f.poolId(), ['authenticated'])).toBe('ImplicitlyDenied');
    expect(await assumeAs(sim, auth, 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc', f.poolId(), ['authenticated'])).toBe('ImplicitlyDenied');
  });

  test('a group role: authenticated identities of this pool only', async () => {
    // GIVEN
    const f = fixture();
    const group = roleId(f.stack, f.pool.roleForGroup('finance'));
    const sim = f.sim();
    // THEN
    expect(await sim.canAssume(group, { aud: f.poolId(), amr: ['authenticated'] })).toBe('Allowed');
    expect(await sim.canAssume(group, { aud: 'us-east-1:other', amr: ['authenticated'] })).toBe('ImplicitlyDenied');
    expect(await sim.canAssume(group, { aud: f.poolId(), amr: ['unauthenticated'] })).toBe('ImplicitlyDenied');
  });

  test('the guest role: only guests of this pool', async () => {
    // GIVEN
    const f = fixture({ allowGuests: true });
    const guest = roleId(f.stack, f.pool.guestRole!);
    const sim = f.sim();
    // THEN
    expect(await sim.canAssume(guest, { aud: f.poolId(), amr: ['unauthenticated'] })).toBe('Allowed');
    expect(await sim.canAssume(guest, { aud: f.poolId(), amr: ['authenticated'] })).toBe('ImplicitlyDenied');
    expect(await sim.canAssume(guest, { aud: 'us-east-1:other', amr: ['unauthenticated'] })).toBe('ImplicitlyDenied');
    expect(await assumeAs(sim, guest, 'accounts.google.com', f.poolId(), ['unauthenticated'])).toBe('ImplicitlyDenied');
  });

  // The simulator drops the cognito-identity keys for sts:TagSession (its action model does not list
  // them), so the TagSession proof is structural: the action sits in the very statement whose
  // AssumeRoleWithWebIdentity decisions are simulated here, under the same aud/amr conditions.
  function trustActions(sim: AccessSimulator, role: string): string[][] {
    return sim.trustPolicy(role).Statement.map((s: any) => [s.Action].flat());
  }

  test('without principal tags, no trust allows sts:TagSession', () => {
    const f = fixture({ allowGuests: true });
    for (const role of [f.pool.authenticatedRole, f.pool.roleForGroup('finance'), f.pool.guestRole!]) {
      expect(trustActions(f.sim(), roleId(f.stack, role))).toEqual([['sts:AssumeRoleWithWebIdentity']]);
    }
  });

  test('with principal tags, every trust allows sts:TagSession under the same pinned conditions', async () => {
    // GIVEN
    const f = fixture({ allowGuests: true, tags: true });
    const sim = f.sim();
    const auth = roleId(f.stack, f.pool.authenticatedRole);
    const group = roleId(f.stack, f.pool.roleForGroup('finance'));
    const guest = roleId(f.stack, f.pool.guestRole!);
    // THEN
    for (const role of [auth, group, guest]) {
      expect(trustActions(sim, role)).toEqual([['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']]);
    }
    for (const role of [auth, group]) {
      expect(await sim.canAssume(role, { aud: f.poolId(), amr: ['authenticated'] })).toBe('Allowed');
      expect(await sim.canAssume(role, { aud: 'us-east-1:other', amr: ['authenticated'] })).toBe('ImplicitlyDenied');
      expect(await sim.canAssume(role, { aud: f.poolId(), amr: ['unauthenticated'] })).toBe('ImplicitlyDenied');
    }
    expect(await sim.canAssume(guest, { aud: f.poolId(), amr: ['unauthenticated'] })).toBe('Allowed');
    expect(await sim.canAssume(guest, { aud: f.poolId(), amr: ['authenticated'] })).toBe('ImplicitlyDenied');
  });
});

describe('the authenticated baseline', () => {
  test('a grant to all authenticated identities reaches group roles, added before or after', async () => {
    // GIVEN
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'a', precedence: 1 }, { name: 'b', precedence: 2 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, groupRoles: ['a'] });
    const bucket = new s3.Bucket(stack, 'Shared');
    // WHEN
    bucket.grantRead(pool.authenticatedIdentities);
    pool.addGroupRole('b');
    pool.addToGroupPolicy('b', new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('b/*')] }));
    // THEN
    const sim = AccessSimulator.fromStack(stack);
    const object = `arn:aws:s3:::${sim.resolver.ref(stack.getLogicalId(bucket.node.defaultChild as CfnElement))}/b/x`;
    for (const role of [pool.authenticatedRole, pool.roleForGroup('a'), pool.roleForGroup('b')]) {
      expect(await sim.request(roleId(stack, role), { action: 's3:GetObject', resource: object })).toBe('Allowed');
    }
    expect(await sim.request(roleId(stack, pool.roleForGroup('b')), { action: 's3:PutObject', resource: object })).toBe('Allowed');
    expect(await sim.request(roleId(stack, pool.roleForGroup('a')), { action: 's3:PutObject', resource: object })).toBe('ImplicitlyDenied');
    expect(await sim.request(roleId(stack, pool.authenticatedRole), { action: 's3:PutObject', resource: object })).toBe('ImplicitlyDenied');
  });

  test('the guest role has no permissions at all', async () => {
    // GIVEN
    const f = fixture({ allowGuests: true });
    const bucket = new s3.Bucket(f.stack, 'Data');
    // WHEN
    f.pool.grantPerIdentityObjectAccess(bucket);
    f.pool.addToAuthenticatedPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
    // THEN
    const sim = f.sim();
    const guest = roleId(f.stack, f.pool.guestRole!);
    expect(sim.identityPolicies(guest)).toEqual([]);
    const name = sim.resolver.ref(f.stack.getLogicalId(bucket.node.defaultChild as CfnElement));
    expect(await sim.request(guest, { action: 's3:GetObject', resource: `arn:aws:s3:::${name}/private/${ALICE}/x`, context: { [SUB]: ALICE } })).toBe('ImplicitlyDenied');
  });
});

describe('per-identity S3 access', () => {
  function bucketFixture(options: { readOnly?: boolean; prefix?: string; encrypted?: boolean } = {}) {
    const f = fixture();
    const key = options.encrypted ? new kms.Key(f.stack, 'Key') : undefined;
    const bucket = new s3.Bucket(f.stack, 'Data', key ? { encryptionKey: key } : {});
    f.pool.grantPerIdentityObjectAccess(bucket, { readOnly: options.readOnly, prefix: options.prefix });
    const sim = f.sim();
    const name = sim.resolver.ref(f.stack.getLogicalId(bucket.node.defaultChild as CfnElement));
    return { ...f, sim, bucketArn: `arn:aws:s3:::${name}`, key };
  }

  test('an identity reads, writes and lists its own prefix, from every authenticated role', async () => {
    // GIVEN
    const f = bucketFixture();
    const context = { [SUB]: ALICE };
    for (const role of [f.pool.authenticatedRole, f.pool.roleForGroup('finance')]) {
      const id = roleId(f.stack, role);
      // THEN
      for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
        expect(await f.sim.request(id, { action, resource: `${f.bucketArn}/private/${ALICE}/photo.png`, context })).toBe('Allowed');
      }
      expect(await f.sim.request(id, { action: 's3:ListBucket', resource: f.bucketArn, context: { ...context, 's3:prefix': `private/${ALICE}/` } })).toBe('Allowed');
      expect(await f.sim.request(id, { action: 's3:ListBucket', resource: f.bucketArn, context: { ...context, 's3:prefix': `private/${ALICE}/2024/` } })).toBe('Allowed');
    }
  });

  test("an identity cannot read, write or list another identity's prefix, the bucket root or other prefixes", async () => {
    // GIVEN
    const f = bucketFixture();
    const id = roleId(f.stack, f.pool.authenticatedRole);
    const context = { [SUB]: ALICE };
    // THEN
    for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
      expect(await f.sim.request(id, { action, resource: `${f.bucketArn}/private/${BOB}/photo.png`, context })).toBe('ImplicitlyDenied');
      expect(await f.sim.request(id, { action, resource: `${f.bucketArn}/root.txt`, context })).toBe('ImplicitlyDenied');
      // A prefix that merely starts with Alice's id is not hers.
      expect(await f.sim.request(id, { action, resource: `${f.bucketArn}/private/${ALICE}-evil/x`, context })).toBe('ImplicitlyDenied');
    }
    expect(await f.sim.request(id, { action: 's3:ListBucket', resource: f.bucketArn, context: { ...context, 's3:prefix': `private/${BOB}/` } })).toBe('ImplicitlyDenied');
    expect(await f.sim.request(id, { action: 's3:ListBucket', resource: f.bucketArn, context: { ...context, 's3:prefix': '' } })).toBe('ImplicitlyDenied');
    expect(await f.sim.request(id, { action: 's3:ListBucket', resource: f.bucketArn, context: { ...context, 's3:prefix': 'private/' } })).toBe('ImplicitlyDenied');
    expect(await f.sim.request(id, { action: 's3:ListBucket', resource: f.bucketArn, context })).toBe('ImplicitlyDenied');
    expect(await f.sim.request(id, { action: 's3:DeleteBucket', resource: f.bucketArn, context })).toBe('ImplicitlyDenied');
  });

  test('read-only access reads and lists but never writes; a custom prefix moves the slice', async () => {
    // GIVEN
    const f = bucketFixture({ readOnly: true, prefix: 'users/' });
    const id = roleId(f.stack, f.pool.authenticatedRole);
    const context = { [SUB]: ALICE };
    // THEN
    expect(await f.sim.request(id, { action: 's3:GetObject', resource: `${f.bucketArn}/users/${ALICE}/a`, context })).toBe('Allowed');
    expect(await f.sim.request(id, { action: 's3:PutObject', resource: `${f.bucketArn}/users/${ALICE}/a`, context })).toBe('ImplicitlyDenied');
    expect(await f.sim.request(id, { action: 's3:DeleteObject', resource: `${f.bucketArn}/users/${ALICE}/a`, context })).toBe('ImplicitlyDenied');
    expect(await f.sim.request(id, { action: 's3:GetObject', resource: `${f.bucketArn}/private/${ALICE}/a`, context })).toBe('ImplicitlyDenied');
    expect(await f.sim.request(id, { action: 's3:ListBucket', resource: f.bucketArn, context: { ...context, 's3:prefix': `users/${ALICE}/` } })).toBe('Allowed');
  });

  test('a KMS-encrypted bucket: the key is usable only through S3', async () => {
    // GIVEN
    const f = bucketFixture({ encrypted: true });
    const id = roleId(f.stack, f.pool.authenticatedRole);
    const keyId = f.stack.getLogicalId(f.key!.node.defaultChild as CfnElement);
    const keyArn = f.sim.resolver.getAtt(keyId, 'Arn');
    // KMS needs the key policy too (the default one delegates to the account's IAM policies), and
    // the shared helper evaluates identity and resource policies apart. No identity-id variable is
    // involved here, so runSimulation can take both at once (and must ignore no context key).
    const keyPolicy = f.sim.resolver.resolve(f.sim.resolver.resource(keyId).Properties.KeyPolicy);
    const kmsRequest = async (action: string, via: string) => {
      const result: any = await runSimulation({
        request: {
          principal: `arn:aws:sts::${FAKE_ACCOUNT}:assumed-role/${f.sim.resolver.ref(id)}/CognitoIdentityCredentials`,
          action,
          resource: { resource: keyArn, accountId: FAKE_ACCOUNT },
          contextVariables: { 'kms:ViaService': via },
        },
        identityPolicies: f.sim.identityPolicies(id),
        resourcePolicy: keyPolicy,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      }, {});
      expect(result.result.ignoredContextKeys).toEqual([]);
      return result.overallResult;
    };
    // THEN
    expect(await kmsRequest('kms:GenerateDataKey', 's3.us-east-1.amazonaws.com')).toBe('Allowed');
    expect(await kmsRequest('kms:Decrypt', 's3.us-east-1.amazonaws.com')).toBe('Allowed');
    expect(await kmsRequest('kms:Decrypt', 'dynamodb.us-east-1.amazonaws.com')).toBe('ImplicitlyDenied');
    expect(await kmsRequest('kms:ScheduleKeyDeletion', 's3.us-east-1.amazonaws.com')).toBe('ImplicitlyDenied');
  });
});

describe('per-identity DynamoDB items', () => {
  function tableFixture(readOnly?: boolean) {
    const f = fixture();
    const table = new dynamodb.Table(f.stack, 'Items', { partitionKey: { name: 'identityId', type: dynamodb.AttributeType.STRING } });
    f.pool.grantPerIdentityDynamoDbItems(table, { readOnly });
    const sim = f.sim();
    const tableArn = sim.resolver.getAtt(f.stack.getLogicalId(table.node.defaultChild as CfnElement), 'Arn');
    return { ...f, sim, tableArn, id: roleId(f.stack, f.pool.roleForGroup('finance')) };
  }

  test('an identity reaches the items under its own partition key only', async () => {
    // GIVEN
    const f = tableFixture();
    const context = { [SUB]: ALICE };
    // THEN
    expect(await f.sim.request(f.id, { action: 'dynamodb:GetItem', resource: f.tableArn, context: { ...context, 'dynamodb:LeadingKeys': [ALICE] } })).toBe('Allowed');
    expect(await f.sim.request(f.id, { action: 'dynamodb:PutItem', resource: f.tableArn, context: { ...context, 'dynamodb:LeadingKeys': [ALICE] } })).toBe('Allowed');
    expect(await f.sim.request(f.id, { action: 'dynamodb:GetItem', resource: f.tableArn, context: { ...context, 'dynamodb:LeadingKeys': [BOB] } })).toBe('ImplicitlyDenied');
    expect(await f.sim.request(f.id, { action: 'dynamodb:BatchGetItem', resource: f.tableArn, context: { ...context, 'dynamodb:LeadingKeys': [ALICE, BOB] } })).toBe('ImplicitlyDenied');
    // Without a leading key (a Scan-like request), ForAllValues alone would allow: Null=false refuses.
    expect(await f.sim.request(f.id, { action: 'dynamodb:Query', resource: f.tableArn, context })).toBe('ImplicitlyDenied');
    expect(await f.sim.request(f.id, { action: 'dynamodb:Scan', resource: f.tableArn, context })).toBe('ImplicitlyDenied');
  });

  test('read-only items: no writes', async () => {
    const f = tableFixture(true);
    const context = { [SUB]: ALICE, 'dynamodb:LeadingKeys': [ALICE] };
    expect(await f.sim.request(f.id, { action: 'dynamodb:Query', resource: f.tableArn, context })).toBe('Allowed');
    expect(await f.sim.request(f.id, { action: 'dynamodb:PutItem', resource: f.tableArn, context })).toBe('ImplicitlyDenied');
  });
});

describe('ABAC with principal tags', () => {
  test('a statement keyed on the session tag gives each department its own prefix', async () => {
    // GIVEN
    const f = fixture({ tags: true });
    const bucket = new s3.Bucket(f.stack, 'Departments');
    // WHEN
    f.pool.addToAuthenticatedPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects(`${PolicyVariables.principalTag('department')}/*`)],
    }));
    // THEN
    const sim = f.sim();
    const name = sim.resolver.ref(f.stack.getLogicalId(bucket.node.defaultChild as CfnElement));
    const id = roleId(f.stack, f.pool.roleForGroup('finance'));
    const context = { [PolicyVariables.principalTagKey('department')]: 'finance' };
    expect(await sim.request(id, { action: 's3:GetObject', resource: `arn:aws:s3:::${name}/finance/q1.xlsx`, context })).toBe('Allowed');
    expect(await sim.request(id, { action: 's3:GetObject', resource: `arn:aws:s3:::${name}/sales/q1.xlsx`, context })).toBe('ImplicitlyDenied');
  });
});
