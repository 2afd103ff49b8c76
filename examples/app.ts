/**
 * The reference app: the four constructs of cdk-cognito-access wired the way the seeds describe.
 *
 * Users sign in to the user pool, trade the ID token at the identity pool for credentials of the
 * authenticated role (or their group's role), call the IAM-authorized API with SigV4, and read and
 * write their department's area and their own private area in S3, selected by a principal tag.
 *
 * `npx projen example` synthesizes it with cdk-nag (see synth.ts); `npx cdk synth` and
 * `npx cdk deploy` use it through cdk.json. examples/python/app.py is the same app in Python.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  CognitoUserPoolAuth,
  DepartmentIsolation,
  FederatedIdentityPool,
  IamAuthorizedApi,
  PerDepartmentBucketAccess,
  RouteAccess,
} from '../src';

/** The departments of the reference app; each is a user-pool group. */
export const DEPARTMENTS = ['finance', 'hr', 'engineering'];

/** The browser origin allowed to call the API and upload to S3. */
export const WEB_ORIGIN = 'https://app.example.com';

/** Props of the reference stack. */
export interface ReferenceStackProps extends StackProps {
  /** The departments: user-pool groups, and values of `custom:department`. */
  readonly departments?: string[];
}

export class ReferenceStack extends Stack {
  public readonly auth: CognitoUserPoolAuth;
  public readonly identities: FederatedIdentityPool;
  public readonly api: IamAuthorizedApi;
  public readonly storage: PerDepartmentBucketAccess;

  constructor(scope: Construct, id: string, props: ReferenceStackProps = {}) {
    super(scope, id, props);
    const departments = props.departments ?? DEPARTMENTS;

    // 1. Who the user is: a user pool with one group per department and the department attribute.
    this.auth = new CognitoUserPoolAuth(this, 'Auth', {
      groups: departments.map((name) => ({ name, description: `The ${name} department` })),
      customAttributes: {
        // Immutable: set by an administrator at user creation; the department can never be edited by the user.
        department: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: false }),
      },
      callbackUrls: [`${WEB_ORIGIN}/callback`],
      logoutUrls: [`${WEB_ORIGIN}/`],
    });

    // 2. What the user may do: the identity pool, with the department carried as a session tag.
    this.identities = new FederatedIdentityPool(this, 'Identities', {
      userPoolAuth: this.auth,
      groupRoles: ['finance'],
      clientConfig: {},
    });

    // 3. An API authorized by IAM: every signed-in user, and the finance group only.
    this.api = new IamAuthorizedApi(this, 'Api', {
      identityPool: this.identities,
      cors: { allowOrigins: [WEB_ORIGIN] },
    });
    // Its own log group and a role that may write only there (no AWS managed policy).
    const whoAmILogs = new logs.LogGroup(this, 'WhoAmILogs', { retention: logs.RetentionDays.ONE_YEAR });
    const whoAmIRole = new iam.Role(this, 'WhoAmIRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    whoAmILogs.grantWrite(whoAmIRole);
    const whoAmI = new lambda.Function(this, 'WhoAmI', {
      runtime: lambda.Runtime.NODEJS_24_X,
      role: whoAmIRole,
      logGroup: whoAmILogs,
      handler: 'index.handler',
      // Inline, so the TypeScript and Python apps synthesize the same template (no asset hash).
      code: lambda.Code.fromInline(fs.readFileSync(path.join(__dirname, 'lambda', 'who-am-i.js'), 'utf8')),
      description: 'Returns the caller\'s identity id and user-pool sub',
      environment: { ALLOWED_ORIGIN: WEB_ORIGIN },
      memorySize: 256,
      timeout: Duration.seconds(10),
    });
    acknowledgeReferenceFunction(whoAmI, whoAmIRole, whoAmILogs);
    const integration = new apigateway.LambdaIntegration(whoAmI);
    this.api.addRoute('/me', 'GET', integration);
    this.api.addRoute('/finance/report', 'GET', integration, { access: RouteAccess.groups(['finance']) });

    // 4. Per-department S3 areas, one bucket, the department from the custom:department attribute.
    this.storage = new PerDepartmentBucketAccess(this, 'Storage', {
      identityPool: this.identities,
      isolation: DepartmentIsolation.PREFIX_PER_DEPARTMENT,
      departmentAttribute: 'custom:department',
      departments: departments.map((name) => ({ name })),
      cors: { allowedOrigins: [WEB_ORIGIN] },
    });

    this.identities.addClientConfig('apiUrl', this.api.url);
    this.identities.addClientConfig('bucketName', this.storage.bucket!.bucketName);
  }
}

/** The compliance packs' findings on the example function that its design answers, with the reasons. */
function acknowledgeReferenceFunction(fn: lambda.Function, role: iam.Role, logGroup: logs.LogGroup): void {
  const acknowledge = (scope: Construct, rules: string[], reason: string) => {
    for (const id of rules) Validations.of(scope).acknowledge({ id, reason });
  };
  acknowledge(fn, ['HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ', 'Serverless-LambdaDLQ'],
    'Invoked synchronously by API Gateway: the caller gets the error; a DLQ only receives failed asynchronous invocations');
  acknowledge(fn, ['HIPAA.Security-LambdaInsideVPC', 'NIST.800.53.R5-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC'],
    'Reads only its event and reaches no private resource: a VPC would add cost and cold-start time for nothing');
  acknowledge(fn, ['HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency'],
    'The API stage throttles the request rate; reserved concurrency would come out of the account pool');
  acknowledge(role, ['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy'],
    'The function role writes only to its own log group; the grant is bound to this role and deleted with it');
  acknowledge(logGroup, ['HIPAA.Security-CloudWatchLogGroupEncrypted', 'NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'PCI.DSS.321-CloudWatchLogGroupEncrypted'],
    'Encrypted at rest by CloudWatch Logs with service keys; the function logs no request data');
}

/** Adds the reference stacks to an app. */
export function addReferenceStacks(app: App, props: ReferenceStackProps = {}): Stack[] {
  return [new ReferenceStack(app, 'CognitoAccessReference', props)];
}

if (require.main === module) {
  const app = new App();
  addReferenceStacks(app);
  app.synth();
}
