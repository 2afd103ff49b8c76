/**
 * The access matrix of the reference app: principals x actions, every cell an IAM simulation of
 * the synthesized template (see access-matrix.ts for how Cognito is modelled), compared with the
 * expectation written below by hand, and kept readable in docs/ACCESS-MATRIX.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  AccessWorld, Cell, compareMatrices, invoke, Matrix, REFERENCE_ACTIONS, REFERENCE_PRINCIPALS, renderDocument, renderTable,
} from './access-matrix';
import { addReferenceStacks, ReferenceStack } from '../../examples/app';
import {
  CognitoUserPoolAuth, DepartmentIsolation, FederatedIdentityPool, IamAuthorizedApi, PerDepartmentBucketAccess, RouteAccess,
} from '../../src';
import { TemplateJson } from '../helpers/template-resolver';

const Y = Cell.ALLOW;
const X = Cell.DENY;
const N = Cell.NO_CREDENTIALS;

/** Column order of the rows below. */
const COLUMNS = ['guest', 'financeA', 'financeB', 'hr', 'engineering', 'financeGroup', 'foreign'];

/** The expectation, written by hand: one row per action, one cell per principal of COLUMNS. */
const EXPECTED_ROWS: Array<[string, Cell[]]> = [
  //                                  guest finA finB  hr  eng  grpF foreign
  ['invoke GET /me', /*                   */[N, Y, Y, Y, Y, Y, N]],
  ['invoke GET /finance/report', /*       */[N, X, X, X, X, Y, N]],
  ['invoke POST /me', /*                  */[N, X, X, X, X, X, N]],
  ['read finance shared', /*              */[N, Y, Y, X, X, Y, N]],
  ['write finance shared', /*             */[N, Y, Y, X, X, Y, N]],
  ['list finance shared', /*              */[N, Y, Y, X, X, Y, N]],
  ['read hr shared', /*                   */[N, X, X, Y, X, X, N]],
  ['write hr shared', /*                  */[N, X, X, Y, X, X, N]],
  ['list hr shared', /*                   */[N, X, X, Y, X, X, N]],
  ['read engineering shared', /*          */[N, X, X, X, Y, X, N]],
  ['write engineering shared', /*         */[N, X, X, X, Y, X, N]],
  ['list engineering shared', /*          */[N, X, X, X, Y, X, N]],
  ['read own private', /*                 */[N, Y, Y, Y, Y, Y, N]],
  ['write own private', /*                */[N, Y, Y, Y, Y, Y, N]],
  ['list own private', /*                 */[N, Y, Y, Y, Y, Y, N]],
  ['read A private', /*                   */[N, Y, X, X, X, X, N]],
  ['write A private', /*                  */[N, Y, X, X, X, X, N]],
  ['list A private', /*                   */[N, Y, X, X, X, X, N]],
  ['write own id elsewhere', /*           */[N, X, X, X, X, X, N]],
  ['list root', /*                        */[N, X, X, X, X, X, N]],
  ['list no prefix', /*                   */[N, X, X, X, X, X, N]],
  ['list departments', /*                 */[N, X, X, X, X, X, N]],
  ['read own private over http', /*       */[N, X, X, X, X, X, N]],
];

function toMatrix(rows: Array<[string, Cell[]]>): Matrix {
  return Object.fromEntries(rows.map(([action, cells]) => [action, Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]]))]));
}
const EXPECTED = toMatrix(EXPECTED_ROWS);

const DOC = path.join(__dirname, '..', '..', 'docs', 'ACCESS-MATRIX.md');

interface Reference {
  readonly stack: ReferenceStack;
  readonly template: TemplateJson;
  readonly world: AccessWorld;
}

function synthReference(): Reference {
  const app = new App({ builtinCloudFormationValidation: false });
  const [stack] = addReferenceStacks(app) as ReferenceStack[];
  const template = Template.fromStack(stack).toJSON() as TemplateJson;
  return { stack, template, world: worldOf(stack, template) };
}

function logicalId(ref: { stack: ReferenceStack }, construct: { node: { defaultChild?: any } }): string {
  return ref.stack.resolve((construct.node.defaultChild as CfnElement).logicalId);
}

function worldOf(stack: ReferenceStack, template: TemplateJson): AccessWorld {
  const id = (c: { node: { defaultChild?: any } }) => stack.resolve((c.node.defaultChild as CfnElement).logicalId);
  return new AccessWorld(template, { restApi: id(stack.api.api), dataBucket: id(stack.storage.bucket!) });
}

/** A deep copy of the template, changed by `mutate`, as a new world with the same ids. */
function mutated(ref: Reference, mutate: (resources: any) => void): AccessWorld {
  const copy = JSON.parse(JSON.stringify(ref.template));
  mutate(copy.Resources);
  return worldOf(ref.stack, copy);
}

const principal = (key: string) => REFERENCE_PRINCIPALS.find((p) => p.key === key)!;
const action = (key: string) => REFERENCE_ACTIONS.find((a) => a.key === key)!;

let ref: Reference;
let simulated: Matrix;

beforeAll(async () => {
  ref = synthReference();
  simulated = await ref.world.evaluateAll(REFERENCE_PRINCIPALS, REFERENCE_ACTIONS);
}, 120_000);

describe('the expectation', () => {
  test('has exactly one row per action and one cell per principal', () => {
    // THEN
    expect(EXPECTED_ROWS.map(([key]) => key)).toEqual(REFERENCE_ACTIONS.map((a) => a.key));
    expect(COLUMNS).toEqual(REFERENCE_PRINCIPALS.map((p) => p.key));
    for (const [, cells] of EXPECTED_ROWS) expect(cells).toHaveLength(COLUMNS.length);
  });
});

describe('access matrix of the reference app', () => {
  test('every cell matches the IAM simulation of the synthesized template', () => {
    // WHEN
    const wrong = compareMatrices(EXPECTED, simulated, REFERENCE_PRINCIPALS, REFERENCE_ACTIONS);
    // THEN: all wrong cells at once
    expect(wrong).toEqual([]);
  });

  test('docs/ACCESS-MATRIX.md is the rendered matrix', () => {
    // GIVEN
    const rendered = renderDocument(simulated, REFERENCE_PRINCIPALS, REFERENCE_ACTIONS);
    process.stdout.write(`\nAccess matrix of the reference app (docs/ACCESS-MATRIX.md):\n\n${renderTable(simulated, REFERENCE_PRINCIPALS, REFERENCE_ACTIONS)}\n`);
    if (process.env.UPDATE_ACCESS_MATRIX === '1') fs.writeFileSync(DOC, rendered);
    // WHEN
    const current = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '';
    // THEN
    if (current !== rendered) {
      throw new Error('docs/ACCESS-MATRIX.md is out of date with the simulated matrix: run '
        + '`UPDATE_ACCESS_MATRIX=1 npx jest test/proof/access-matrix.test.ts`, review the diff and commit it');
    }
  });
});

describe('the Cognito model behind the matrix', () => {
  test('signed-in users without a group get the authenticated role, tagged with their department', async () => {
    // WHEN
    const creds = await ref.world.credentials(principal('hr'));
    // THEN
    expect(creds).toEqual([expect.objectContaining({
      roleId: logicalId(ref, ref.stack.identities.authenticatedRole),
      sessionTags: { department: 'hr' },
    })]);
  });

  test('a member of group finance gets the finance group role (cognito:preferred_role)', async () => {
    // WHEN
    const creds = await ref.world.credentials(principal('financeGroup'));
    // THEN
    expect(creds).toEqual([expect.objectContaining({
      roleId: logicalId(ref, ref.stack.identities.roleForGroup('finance')),
      sessionTags: { department: 'finance' },
    })]);
  });

  test('guests and identities of another pool get no credentials: no role trusts their token', async () => {
    // GIVEN
    const roles = ref.world.sim.resolver.idsOfType('AWS::IAM::Role')
      .filter((id) => JSON.stringify(ref.world.sim.trustPolicy(id)).includes('cognito-identity.amazonaws.com'));
    // WHEN
    const guest = await ref.world.credentials(principal('guest'));
    const foreign = await ref.world.credentials(principal('foreign'));
    const guestTrust = await Promise.all(roles.map((r) => ref.world.sim.canAssume(r, ref.world.token(principal('guest')))));
    const foreignTrust = await Promise.all(roles.map((r) => ref.world.sim.canAssume(r, ref.world.token(principal('foreign')))));
    // THEN
    expect(roles).toHaveLength(2); // the authenticated role and the finance group role
    expect([guest, foreign]).toEqual([[], []]);
    expect([...guestTrust, ...foreignTrust]).toEqual(new Array(4).fill('ImplicitlyDenied'));
  });
});

describe('the matrix can fail', () => {
  test('a wrong expectation is reported cell by cell', () => {
    // GIVEN: two cells flipped on purpose
    const wrongRows = EXPECTED_ROWS.map(([key, cells]): [string, Cell[]] => [key, [...cells]]);
    wrongRows[0][1][1] = X; // finance user A may not call GET /me
    wrongRows[19][1][3] = Y; // the hr user may list the bucket root
    // WHEN
    const wrong = compareMatrices(toMatrix(wrongRows), simulated, REFERENCE_PRINCIPALS, REFERENCE_ACTIONS);
    // THEN
    expect(wrong).toEqual([
      'invoke GET /me x financeA: expected deny, simulated allow',
      'list root x hr: expected allow, simulated deny',
    ]);
  });

  test('a trust policy without aud lets another pool\'s identity in, and the matrix shows it', async () => {
    // GIVEN: the finance group role trusts any identity pool
    const groupRole = logicalId(ref, ref.stack.identities.roleForGroup('finance'));
    const world = mutated(ref, (resources) => {
      delete resources[groupRole].Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals;
    });
    // WHEN
    const cell = await world.evaluate(principal('foreign'), action('invoke GET /finance/report'));
    // THEN
    expect(cell).toBe(Y);
  });

  test('a ListBucket statement without its s3:prefix condition lets users list the bucket root', async () => {
    // GIVEN
    const baseline = ref.world.sim.resolver.idsOfType('AWS::IAM::ManagedPolicy')
      .find((id) => JSON.stringify(ref.template.Resources[id].Properties).includes('s3:ListBucket'))!;
    const world = mutated(ref, (resources) => {
      for (const s of resources[baseline].Properties.PolicyDocument.Statement) {
        if (s.Action === 's3:ListBucket') delete s.Condition.StringLike['s3:prefix'];
      }
    });
    // WHEN
    const cell = await world.evaluate(principal('hr'), action('list root'));
    // THEN
    expect(cell).toBe(Y);
  });

  test('guests switched on without a guest role still get no credentials', async () => {
    // GIVEN
    const world = mutated(ref, (resources) => {
      resources[ref.world.poolLogicalId].Properties.AllowUnauthenticatedIdentities = true;
    });
    // WHEN
    const creds = await world.credentials(principal('guest'));
    // THEN
    expect(creds).toEqual([]);
  });

  test('the classic flow lets any signed-in user take the finance group role', async () => {
    // GIVEN
    const world = mutated(ref, (resources) => {
      resources[ref.world.poolLogicalId].Properties.AllowClassicFlow = true;
    });
    // WHEN
    const cell = await world.evaluate(principal('hr'), action('invoke GET /finance/report'));
    // THEN
    expect(cell).toBe(Y);
  });
});

describe('the model with guests on (not the reference app)', () => {
  /** The reference wiring with guests allowed and a guest route. */
  interface GuestWorld {
    readonly world: AccessWorld;
    readonly template: TemplateJson;
    readonly guestRole: string;
    readonly restApi: string;
    readonly dataBucket: string;
  }

  function guestWorld(restrictToIdentityPoolRoles = false): GuestWorld {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Guests');
    const auth = new CognitoUserPoolAuth(stack, 'Auth', {
      customAttributes: { department: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: false }) },
    });
    const identities = new FederatedIdentityPool(stack, 'Identities', { userPoolAuth: auth, allowGuests: true });
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: identities, restrictToIdentityPoolRoles });
    api.addRoute('/me', 'GET', new apigateway.MockIntegration());
    api.addRoute('/catalog', 'GET', new apigateway.MockIntegration(), { access: RouteAccess.guests() });
    const storage = new PerDepartmentBucketAccess(stack, 'Storage', {
      identityPool: identities,
      isolation: DepartmentIsolation.PREFIX_PER_DEPARTMENT,
      departmentAttribute: 'custom:department',
      departments: [],
    });
    const id = (c: { node: { defaultChild?: any } }) => stack.resolve((c.node.defaultChild as CfnElement).logicalId);
    const template = Template.fromStack(stack).toJSON() as TemplateJson;
    const ids = { restApi: id(api.api), dataBucket: id(storage.bucket!) };
    return { world: new AccessWorld(template, ids), guestRole: id(identities.guestRole!), template, ...ids };
  }
  const catalog = invoke('GET', '/catalog');

  test('a guest gets the guest role, untagged, and reaches the guest route only', async () => {
    // GIVEN
    const { world, guestRole } = guestWorld();
    // WHEN
    const creds = await world.credentials(principal('guest'));
    const cells = await Promise.all([catalog, action('invoke GET /me'), action('read own private'), action('list own private')]
      .map((a) => world.evaluate(principal('guest'), a)));
    // THEN
    expect(creds).toEqual([expect.objectContaining({ roleId: guestRole, sessionTags: {} })]);
    expect(cells).toEqual([Y, X, X, X]);
  });

  test('signed-in users reach the guest route too; another pool\'s identities still get nothing', async () => {
    // GIVEN
    const { world } = guestWorld();
    // WHEN
    const hr = await world.evaluate(principal('hr'), catalog);
    const foreign = await world.evaluate(principal('foreign'), catalog);
    // THEN
    expect([hr, foreign]).toEqual([Y, N]);
  });

  test('the API resource policy is simulated too: it lets the pool roles in, and a role left out of it is denied', async () => {
    // GIVEN
    const { world, template, guestRole, restApi, dataBucket } = guestWorld(true);
    const withoutGuest = JSON.parse(JSON.stringify(template));
    for (const statement of withoutGuest.Resources[restApi].Properties.Policy.Statement) {
      const arns = statement.Condition?.ArnNotLike?.['aws:PrincipalArn'];
      if (arns) statement.Condition.ArnNotLike['aws:PrincipalArn'] = arns.filter((a: any) => JSON.stringify(a) !== JSON.stringify({ 'Fn::GetAtt': [guestRole, 'Arn'] }));
    }
    // WHEN
    const allowed = await world.evaluate(principal('guest'), catalog);
    const denied = await new AccessWorld(withoutGuest, { restApi, dataBucket }).evaluate(principal('guest'), catalog);
    // THEN
    expect([allowed, denied]).toEqual([Y, X]);
    expect(JSON.stringify(template.Resources[restApi])).toContain(guestRole); // the mutation removed something
  });
});
