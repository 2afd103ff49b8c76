/**
 * Stateful safety: the resources that hold users, identities and data keep their logical ids
 * (a new logical id makes CloudFormation create a new, empty resource), are retained when they
 * leave the stack, and are never emptied or deleted automatically.
 *
 * The ids below are written out on purpose: a refactor that changes one of them fails here
 * before it replaces a user pool (every user and password lost), an identity pool (every
 * identity id, and so every private S3 area, orphaned) or a bucket.
 */
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { addReferenceStacks, DEPARTMENTS } from '../../examples/app';
import {
  CognitoUserPoolAuth, DepartmentIsolation, FederatedIdentityPool, PerDepartmentBucketAccess,
} from '../../src';

/** Every stateful resource of the reference app, by logical id. */
const STATEFUL_IDS: { [type: string]: string[] } = {
  'AWS::Cognito::UserPool': ['AuthUserPool'],
  'AWS::Cognito::IdentityPool': ['IdentitiesIdentityPool'],
  'AWS::S3::Bucket': ['StorageAccessLogs', 'StorageBucket'],
  'AWS::KMS::Key': [],
};

/**
 * Resources whose replacement breaks users without losing data outright: groups (memberships
 * are lost with the group) and the web client (apps hold its id).
 */
const USER_POOL_CHILD_IDS = ['AuthUserPoolWebClient', 'AuthUserPoolGroupfinance', 'AuthUserPoolGrouphr', 'AuthUserPoolGroupengineering'];

function referenceTemplate(): any {
  const app = new App({ builtinCloudFormationValidation: false });
  const [stack] = addReferenceStacks(app);
  return Template.fromStack(stack).toJSON();
}

function idsOfType(template: any, type: string): string[] {
  return Object.entries<any>(template.Resources).filter(([, r]) => r.Type === type).map(([id]) => id).sort();
}

let template: any;
beforeAll(() => {
  template = referenceTemplate();
});

describe('the reference app\'s stateful resources', () => {
  test.each(Object.keys(STATEFUL_IDS))('%s: exactly the pinned logical ids', (type) => {
    // THEN: a new stateful resource must be added here on purpose; a renamed one fails
    expect(idsOfType(template, type)).toEqual([...STATEFUL_IDS[type]].sort());
  });

  test('user-pool groups and the web client keep their logical ids', () => {
    // THEN
    for (const id of USER_POOL_CHILD_IDS) expect(template.Resources[id]?.Type).toMatch(/^AWS::Cognito::UserPool(Client|Group)$/);
  });

  test.each(Object.values(STATEFUL_IDS).flat())('%s is retained on deletion and on replacement', (id) => {
    // THEN
    expect(template.Resources[id]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('the user pool refuses deletion (DeletionProtection ACTIVE)', () => {
    // THEN
    expect(template.Resources.AuthUserPool.Properties.DeletionProtection).toBe('ACTIVE');
  });

  test('no bucket is emptied automatically: no auto-delete custom resource, provider or tag', () => {
    // THEN
    const types = Object.values<any>(template.Resources).map((r) => r.Type);
    expect(types).not.toContain('Custom::S3AutoDeleteObjects');
    expect(JSON.stringify(template)).not.toMatch(/auto-delete-objects/i);
    for (const id of STATEFUL_IDS['AWS::S3::Bucket']) {
      expect(template.Resources[id].Properties.Tags ?? []).not.toContainEqual(expect.objectContaining({ Key: 'aws-cdk:auto-delete-objects' }));
    }
  });

  test('every log group is retained', () => {
    // THEN
    const logGroups = idsOfType(template, 'AWS::Logs::LogGroup');
    expect(logGroups.length).toBeGreaterThan(0);
    for (const id of logGroups) expect(template.Resources[id]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

/** How the four stateful constructs are placed in a refactored app. */
interface Layout {
  /** A construct the app now wraps them in. */
  readonly wrapper?: string;
  /** New construct ids. */
  readonly authId?: string;
  readonly identitiesId?: string;
  readonly storageId?: string;
  /** Pin the logical ids through the constructs' props. */
  readonly pin?: boolean;
}

/** The reference app's stateful wiring (examples/app.ts), laid out differently. */
function refactored(layout: Layout): { stack: Stack; template: any; storage: PerDepartmentBucketAccess } {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'CognitoAccessReference');
  const scope: Construct = layout.wrapper ? new Construct(stack, layout.wrapper) : stack;
  const auth = new CognitoUserPoolAuth(scope, layout.authId ?? 'Auth', {
    userPoolLogicalId: layout.pin ? 'AuthUserPool' : undefined,
    groups: DEPARTMENTS.map((name) => ({ name })),
    customAttributes: { department: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: false }) },
  });
  const identities = new FederatedIdentityPool(scope, layout.identitiesId ?? 'Identities', {
    identityPoolLogicalId: layout.pin ? 'IdentitiesIdentityPool' : undefined,
    userPoolAuth: auth,
    groupRoles: ['finance'],
  });
  const storage = new PerDepartmentBucketAccess(scope, layout.storageId ?? 'Storage', {
    bucketLogicalIdPrefix: layout.pin ? 'Storage' : undefined,
    identityPool: identities,
    isolation: DepartmentIsolation.PREFIX_PER_DEPARTMENT,
    departmentAttribute: 'custom:department',
    departments: DEPARTMENTS.map((name) => ({ name })),
  });
  return { stack, template: Template.fromStack(stack).toJSON(), storage };
}

function statefulIds(t: any): string[] {
  return Object.keys(STATEFUL_IDS).flatMap((type) => idsOfType(t, type)).sort();
}
const PINNED = Object.values(STATEFUL_IDS).flat().sort();

describe('refactoring keeps the stateful logical ids', () => {
  test('the replica of the reference wiring has the reference ids (the baseline of the refactors)', () => {
    // WHEN
    const { template: t } = refactored({});
    // THEN
    expect(statefulIds(t)).toEqual(PINNED);
  });

  test('wrapping the constructs in another construct keeps the pools, the user pool\'s children and the buckets without any pin', () => {
    // WHEN
    const { template: t } = refactored({ wrapper: 'Backend' });
    // THEN
    expect(statefulIds(t)).toEqual(PINNED);
    for (const id of USER_POOL_CHILD_IDS) expect(t.Resources[id]).toBeDefined();
  });

  test('renaming the construct ids keeps the pools and the buckets when their logical-id props pin the old ids', () => {
    // WHEN
    const { template: t } = refactored({ authId: 'Authentication', identitiesId: 'Federation', storageId: 'Data', pin: true });
    // THEN
    expect(statefulIds(t)).toEqual(PINNED);
    for (const id of USER_POOL_CHILD_IDS) expect(t.Resources[id]).toBeDefined();
  });

  test('renaming without the pins would replace both pools and the buckets, and the pinned-id assertions catch it', () => {
    // WHEN
    const { template: t } = refactored({ authId: 'Authentication', identitiesId: 'Federation', storageId: 'Data' });
    // THEN
    expect(idsOfType(t, 'AWS::Cognito::UserPool')).toEqual(['AuthenticationUserPool']);
    expect(idsOfType(t, 'AWS::Cognito::IdentityPool')).toEqual(['FederationIdentityPool']);
    expect(idsOfType(t, 'AWS::S3::Bucket')).toEqual(['DataAccessLogs', 'DataBucket']);
    expect(statefulIds(t)).not.toEqual(PINNED);
  });

  test('the pinned buckets are the ones the policies and the log configuration reference', () => {
    // WHEN
    const { stack, storage, template: t } = refactored({ wrapper: 'Backend', storageId: 'Data', pin: true });
    // THEN
    expect(stack.resolve((storage.bucket!.node.defaultChild as CfnElement).logicalId)).toBe('StorageBucket');
    expect(JSON.stringify(t)).toContain('"Ref":"StorageBucket"');
    expect(JSON.stringify(t)).toContain('"DestinationBucketName":{"Ref":"StorageAccessLogs"}');
  });
});
