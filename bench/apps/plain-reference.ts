/**
 * The hand-written plain aws-cdk-lib equivalent of the reference app (examples/app.ts): the
 * same resources (49 with 10 departments) and the same settings, written without this library,
 * as the baseline of the reference-app ratio.
 *
 * Keep it in step with examples/app.ts: the report compares the resource counts by type of
 * both and flags any difference next to the ratio.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PlainAuth } from './plain-auth';

const WEB_ORIGIN = 'https://app.example.com';
const CORS_HEADERS = ['Content-Type', 'Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-Content-Sha256', 'X-Amz-User-Agent'];
const DEPARTMENT_TAG = '${aws:PrincipalTag/department}';
const IDENTITY_ID = '${cognito-identity.amazonaws.com:sub}';

/** The reference app's stack, by hand. */
export class PlainReferenceStack extends Stack {
  constructor(scope: Construct, id: string, departments: string[]) {
    super(scope, id);
    // As in a new project's cdk.json: S3 server access logs are delivered under a bucket policy, not an ACL.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    const auth = new PlainAuth(this, 'Auth', {
      groups: departments,
      identityPool: true,
      groupRoles: ['finance'],
      customAttributes: { department: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: false }) },
      principalTags: { department: 'custom:department' },
      callbackUrls: [`${WEB_ORIGIN}/callback`],
      logoutUrls: [`${WEB_ORIGIN}/`],
    });
    const financeRole = auth.groupRoles.finance;

    // The API: IAM authorization, CORS preflight without it, CORS on gateway errors, access logs.
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    const api = new apigateway.RestApi(this, 'Api', {
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: 'prod',
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.custom(JSON.stringify(Object.fromEntries([
          'requestId', 'extendedRequestId', 'requestTime', 'httpMethod', 'resourcePath', 'path', 'status', 'protocol', 'responseLength',
          'responseLatency', 'integrationLatency', 'identity.sourceIp', 'identity.userAgent', 'identity.caller', 'identity.userArn',
          'identity.cognitoIdentityId', 'identity.cognitoIdentityPoolId', 'identity.cognitoAuthenticationType',
          'identity.cognitoAuthenticationProvider', 'error.responseType', 'error.message', 'wafResponseCode',
        ].map((field) => [field === 'error.responseType' ? 'errorType' : field === 'error.message' ? 'errorMessage' : field.replace(/^identity\./, ''), `$context.${field}`])))),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: false,
        throttlingBurstLimit: 200,
        throttlingRateLimit: 100,
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [WEB_ORIGIN],
        allowHeaders: CORS_HEADERS,
        allowMethods: apigateway.Cors.ALL_METHODS,
        maxAge: Duration.minutes(10),
      },
    });
    const validator = api.addRequestValidator('RequestValidator', { validateRequestBody: true, validateRequestParameters: true });
    for (const [responseId, type] of [['Default4xx', apigateway.ResponseType.DEFAULT_4XX], ['Default5xx', apigateway.ResponseType.DEFAULT_5XX]] as const) {
      api.addGatewayResponse(responseId, {
        type,
        responseHeaders: {
          'Access-Control-Allow-Origin': `'${WEB_ORIGIN}'`,
          'Access-Control-Allow-Headers': `'${CORS_HEADERS.join(',')}'`,
          'Access-Control-Allow-Methods': `'${apigateway.Cors.ALL_METHODS.join(',')}'`,
          'Vary': '\'Origin\'',
        },
      });
    }
    const whoAmILogs = new logs.LogGroup(this, 'WhoAmILogs', { retention: logs.RetentionDays.ONE_YEAR });
    const whoAmIRole = new iam.Role(this, 'WhoAmIRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    whoAmILogs.grantWrite(whoAmIRole);
    const whoAmI = new lambda.Function(this, 'WhoAmI', {
      runtime: lambda.Runtime.NODEJS_24_X,
      role: whoAmIRole,
      logGroup: whoAmILogs,
      handler: 'index.handler',
      code: lambda.Code.fromInline(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'lambda', 'who-am-i.js'), 'utf8')),
      description: 'Returns the caller\'s identity id and user-pool sub',
      environment: { ALLOWED_ORIGIN: WEB_ORIGIN },
    });
    const integration = new apigateway.LambdaIntegration(whoAmI);
    const methodOptions = { authorizationType: apigateway.AuthorizationType.IAM, requestValidator: validator };
    api.root.addResource('me').addMethod('GET', integration, methodOptions);
    api.root.addResource('finance').addResource('report').addMethod('GET', integration, methodOptions);

    // S3: one bucket, the department from the principal tag; server access logs to a log bucket.
    const logBucket = new s3.Bucket(this, 'StorageAccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'ExpireNoncurrentVersions', noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const bucket = new s3.Bucket(this, 'StorageBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'departments/',
      cors: [{
        allowedOrigins: [WEB_ORIGIN],
        allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.HEAD, s3.HttpMethods.PUT, s3.HttpMethods.POST, s3.HttpMethods.DELETE],
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag'],
        maxAge: 3600,
      }],
      lifecycleRules: [{ id: 'ExpireNoncurrentVersions', noncurrentVersionExpiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The authenticated baseline: every authenticated role (the default and the finance role).
    const tagged = {
      Null: { 'aws:PrincipalTag/department': 'false' },
      StringLike: { 'aws:PrincipalTag/department': '?*' },
      StringNotLike: { 'aws:PrincipalTag/department': '*/*' },
    };
    const shared = bucket.arnForObjects(`departments/${DEPARTMENT_TAG}/shared/*`);
    const own = bucket.arnForObjects(`departments/${DEPARTMENT_TAG}/users/${IDENTITY_ID}/*`);
    new iam.ManagedPolicy(this, 'AuthenticatedBaseline', {
      description: 'Permissions of every authenticated identity of this identity pool, whatever its role',
      roles: [auth.authenticatedRole!, financeRole],
      statements: [
        new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: [api.arnForExecuteApi('GET', '/me', 'prod')] }),
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [shared], conditions: tagged }),
        new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], resources: [shared], conditions: tagged }),
        new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], resources: [own], conditions: tagged }),
        new iam.PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: {
            ...tagged,
            StringLike: {
              ...tagged.StringLike,
              's3:prefix': [
                `departments/${DEPARTMENT_TAG}/shared/`, `departments/${DEPARTMENT_TAG}/shared/*`,
                `departments/${DEPARTMENT_TAG}/users/${IDENTITY_ID}/`, `departments/${DEPARTMENT_TAG}/users/${IDENTITY_ID}/*`,
              ],
            },
          },
        }),
      ],
    });
    financeRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: [api.arnForExecuteApi('GET', '/finance/report', 'prod')] }));

    new CfnOutput(this, 'ClientConfig', {
      description: 'Client configuration (JSON): region, user pool, web client, identity pool and more',
      value: Stack.of(this).toJsonString({
        region: Stack.of(this).region,
        identityPoolId: auth.identityPool!.ref,
        userPoolId: auth.userPool.userPoolId,
        webClientId: auth.webClient.userPoolClientId,
        apiUrl: api.url,
        bucketName: bucket.bucketName,
      }),
    });
  }
}

/** Adds the baseline stacks for these departments to an app. */
export function addPlainReferenceStacks(app: App, departments: string[]): Stack[] {
  return [new PlainReferenceStack(app, 'PlainReference', departments)];
}
