/**
 * The stacks every independent checker of the proof suite runs over: each construct with its
 * default props and fully configured, and the reference app (examples/app.ts).
 *
 * Each fixture names its subjects: the constructs of this library in it, by class name, so a
 * test can attribute a finding or an acknowledgement to the construct that owns it.
 */
import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { addReferenceStacks } from '../../examples/app';
import {
  CognitoUserPoolAuth, DepartmentIsolation, FederatedIdentityPool, IamAuthorizedApi, IdentityProvider, MappingMatchType,
  PerDepartmentBucketAccess, RouteAccess,
} from '../../src';

/** The constructs of the library, by the name the proof documents use. */
export type Subject = 'CognitoUserPoolAuth' | 'FederatedIdentityPool' | 'IamAuthorizedApi' | 'PerDepartmentBucketAccess';

/** One stack the checkers run over. */
export interface Fixture {
  /** A stable, file-name-safe name: `<construct>-default`, `<construct>-full`, or `reference-<stack>`. */
  readonly name: string;
  readonly stack: Stack;
  /** The library's constructs in the stack. */
  readonly subjects: Partial<Record<Subject, IConstruct>>;
}

function newApp(): App {
  // Validation off: the schema check is its own test (reference-app.validation.test.ts).
  return new App({ builtinCloudFormationValidation: false });
}

function newStack(name: string): Stack {
  return new Stack(newApp(), name);
}

/**
 * A customer managed key as Control Tower wants it (CT.KMS.PR.3): rotation on, and grants only
 * for AWS services acting on AWS resources. The key belongs to the user, not to the library.
 */
function customerKey(stack: Stack, id: string): kms.Key {
  const key = new kms.Key(stack, id, { enableKeyRotation: true });
  key.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
  return key;
}

function userPoolDefault(): Fixture {
  const stack = newStack('UserPoolDefault');
  const auth = new CognitoUserPoolAuth(stack, 'Auth');
  return { name: 'user-pool-default', stack, subjects: { CognitoUserPoolAuth: auth } };
}

function userPoolFull(): Fixture {
  const stack = newStack('UserPoolFull');
  const auth = new CognitoUserPoolAuth(stack, 'Auth', {
    userPoolName: 'full',
    signInAliases: { email: true, phone: true },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: true },
    featurePlan: cognito.FeaturePlan.PLUS,
    customAttributes: { department: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: false }) },
    groups: [{ name: 'finance', precedence: 1 }, { name: 'hr', precedence: 2 }],
    callbackUrls: ['https://app.example.com/callback'],
    logoutUrls: ['https://app.example.com/'],
    domainPrefix: 'full-example',
    google: { clientId: 'google-client', clientSecretValue: SecretValue.unsafePlainText('google-secret') },
    oidcProviders: [{
      name: 'Corp',
      clientId: 'oidc-client',
      clientSecretValue: SecretValue.unsafePlainText('oidc-secret'),
      issuerUrl: 'https://login.example.com',
    }],
    samlProviders: [{ name: 'Okta', metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.example.com/metadata') }],
  });
  auth.addServerClient('Server', { callbackUrls: ['https://app.example.com/server/callback'] });
  auth.addMachineClient('Reports', { identifier: 'reports', scopes: [{ name: 'read', description: 'Read reports' }] });
  return { name: 'user-pool-full', stack, subjects: { CognitoUserPoolAuth: auth } };
}

function identityPoolDefault(): Fixture {
  const stack = newStack('IdentityPoolDefault');
  const auth = new CognitoUserPoolAuth(stack, 'Auth');
  const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
  return { name: 'identity-pool-default', stack, subjects: { CognitoUserPoolAuth: auth, FederatedIdentityPool: pool } };
}

function identityPoolFull(): Fixture {
  const stack = newStack('IdentityPoolFull');
  const auth = new CognitoUserPoolAuth(stack, 'Auth', {
    groups: [{ name: 'finance', precedence: 1 }, { name: 'sales', precedence: 2 }],
    customAttributes: { department: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: false }) },
  });
  const pool = new FederatedIdentityPool(stack, 'Pool', {
    userPoolAuth: auth,
    allowGuests: true,
    groupRoles: ['finance'],
    principalTags: { department: 'custom:department' },
    google: 'google-client.apps.googleusercontent.com',
    clientConfig: { ssmParameterName: '/app/config' },
  });
  pool.addGroupRole('sales');
  pool.addRoleMapping({
    provider: IdentityProvider.google(),
    rules: [{ claim: 'hd', value: 'example.com', matchType: MappingMatchType.EQUALS, role: pool.addRole('Partners') }],
  });
  const key = customerKey(stack, 'DataKey');
  pool.grantPerIdentityObjectAccess(s3.Bucket.fromBucketAttributes(stack, 'Data', { bucketName: 'data', encryptionKey: key }));
  pool.grantPerIdentityObjectAccess(s3.Bucket.fromBucketName(stack, 'Photos', 'photos'), { prefix: 'users/', readOnly: true });
  pool.grantPerIdentityDynamoDbItems(dynamodb.Table.fromTableName(stack, 'Items', 'items'));
  pool.addToGuestPolicy(new iam.PolicyStatement({
    actions: ['s3:GetObject'],
    resources: [s3.Bucket.fromBucketName(stack, 'Public', 'public-assets').arnForObjects('catalog.json')],
  }));
  return { name: 'identity-pool-full', stack, subjects: { CognitoUserPoolAuth: auth, FederatedIdentityPool: pool } };
}

function apiDefault(): Fixture {
  const stack = newStack('ApiDefault');
  const auth = new CognitoUserPoolAuth(stack, 'Auth');
  const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
  const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
  // An API needs a route to deploy; a mock integration keeps the fixture free of user code.
  api.addRoute('/items', 'GET', new apigateway.MockIntegration());
  return { name: 'api-default', stack, subjects: { CognitoUserPoolAuth: auth, FederatedIdentityPool: pool, IamAuthorizedApi: api } };
}

function apiFull(): Fixture {
  const stack = newStack('ApiFull');
  const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance', precedence: 1 }, { name: 'hr', precedence: 2 }] });
  const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, allowGuests: true, groupRoles: ['finance', 'hr'] });
  const api = new IamAuthorizedApi(stack, 'Api', {
    identityPool: pool,
    cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true, maxAge: Duration.hours(1) },
    restApiName: 'full',
    stageName: 'v1',
    throttlingRateLimit: 50,
    throttlingBurstLimit: 100,
    accessLogRetention: logs.RetentionDays.ONE_YEAR,
    loggingLevel: apigateway.MethodLoggingLevel.INFO,
    tracingEnabled: true,
    restrictToIdentityPoolRoles: true,
  });
  const mock = new apigateway.MockIntegration();
  api.addRoute('/items', 'GET', mock);
  api.addRoute('/items/{id}', 'PUT', mock);
  api.addRoute('/catalog', 'GET', mock, { access: RouteAccess.guests() });
  api.addRoute('/finance/report', 'GET', mock, { access: RouteAccess.groups(['finance']) });
  api.addRoute('/hr/people', 'GET', mock, { access: RouteAccess.roles([pool.roleForGroup('hr')]) });
  api.addRoute('/admin', 'POST', mock, { access: RouteAccess.explicitGrantsOnly() });
  return { name: 'api-full', stack, subjects: { CognitoUserPoolAuth: auth, FederatedIdentityPool: pool, IamAuthorizedApi: api } };
}

function bucketsDefault(): Fixture {
  const stack = newStack('BucketsDefault');
  const auth = new CognitoUserPoolAuth(stack, 'Auth');
  const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
  const access = new PerDepartmentBucketAccess(stack, 'Access', { identityPool: pool, departments: [{ name: 'finance' }, { name: 'hr' }] });
  return {
    name: 'buckets-default',
    stack,
    subjects: { CognitoUserPoolAuth: auth, FederatedIdentityPool: pool, PerDepartmentBucketAccess: access },
  };
}

function bucketsFull(): Fixture {
  const stack = newStack('BucketsFull');
  const auth = new CognitoUserPoolAuth(stack, 'Auth', {
    customAttributes: { department: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: false }) },
  });
  const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
  const key = customerKey(stack, 'BucketKey');
  const access = new PerDepartmentBucketAccess(stack, 'Access', {
    identityPool: pool,
    isolation: DepartmentIsolation.PREFIX_PER_DEPARTMENT,
    departmentAttribute: 'custom:department',
    departments: [{ name: 'finance' }, { name: 'hr', readOnly: true }, { name: 'engineering' }],
    adminGroup: 'admins',
    encryptionKey: key,
    cors: { allowedOrigins: ['https://app.example.com'] },
    noncurrentVersionExpiration: Duration.days(30),
  });
  return {
    name: 'buckets-full',
    stack,
    subjects: { CognitoUserPoolAuth: auth, FederatedIdentityPool: pool, PerDepartmentBucketAccess: access },
  };
}

/** The constructs of the library directly under a stack of the reference app. */
function referenceSubjects(stack: Stack): Partial<Record<Subject, IConstruct>> {
  const subjects: Partial<Record<Subject, IConstruct>> = {};
  for (const child of stack.node.children) {
    if (child instanceof CognitoUserPoolAuth) subjects.CognitoUserPoolAuth = child;
    if (child instanceof FederatedIdentityPool) subjects.FederatedIdentityPool = child;
    if (child instanceof IamAuthorizedApi) subjects.IamAuthorizedApi = child;
    if (child instanceof PerDepartmentBucketAccess) subjects.PerDepartmentBucketAccess = child;
  }
  return subjects;
}

function referenceApp(): Fixture[] {
  const stacks = addReferenceStacks(newApp());
  return stacks.map((stack) => ({ name: `reference-${stack.stackName}`, stack, subjects: referenceSubjects(stack) }));
}

/** The builders, by fixture name, so a test can build one fixture alone. */
export const FIXTURE_BUILDERS: Record<string, () => Fixture[]> = {
  'user-pool-default': () => [userPoolDefault()],
  'user-pool-full': () => [userPoolFull()],
  'identity-pool-default': () => [identityPoolDefault()],
  'identity-pool-full': () => [identityPoolFull()],
  'api-default': () => [apiDefault()],
  'api-full': () => [apiFull()],
  'buckets-default': () => [bucketsDefault()],
  'buckets-full': () => [bucketsFull()],
  'reference': referenceApp,
};

/** Every fixture: each construct's default and fully configured stack, then the reference app's stacks. */
export function buildFixtures(): Fixture[] {
  return Object.values(FIXTURE_BUILDERS).flatMap((build) => build());
}
