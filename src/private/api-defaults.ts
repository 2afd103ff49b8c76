import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/** Production defaults of `IamAuthorizedApi`, in one place. */
export const API_DEFAULTS = {
  stageName: 'prod',
  throttlingRateLimit: 100,
  throttlingBurstLimit: 200,
  accessLogRetention: logs.RetentionDays.ONE_YEAR,
  corsMaxAge: Duration.minutes(10),
};

/** Headers a browser sends with a SigV4-signed request, which the preflight must allow. */
export const SIGV4_HEADERS = [
  'Content-Type',
  'Authorization',
  'X-Amz-Date',
  'X-Amz-Security-Token',
  'X-Amz-Content-Sha256',
  'X-Amz-User-Agent',
];

/** Access log line: one JSON object per request, with the caller's Cognito identity. */
export const ACCESS_LOG_FIELDS: { [field: string]: string } = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  caller: '$context.identity.caller',
  userArn: '$context.identity.userArn',
  cognitoIdentityId: '$context.identity.cognitoIdentityId',
  cognitoIdentityPoolId: '$context.identity.cognitoIdentityPoolId',
  cognitoAuthenticationType: '$context.identity.cognitoAuthenticationType',
  cognitoAuthenticationProvider: '$context.identity.cognitoAuthenticationProvider',
  errorType: '$context.error.responseType',
  errorMessage: '$context.error.message',
  wafResponseCode: '$context.wafResponseCode',
};

/** The caller identity fields API Gateway knows for SigV4 requests signed with pool credentials. */
export const IDENTITY_FIELDS = [
  'cognitoIdentityId',
  'cognitoIdentityPoolId',
  'cognitoAuthenticationType',
  'cognitoAuthenticationProvider',
];

/** Reasons given to cdk-nag for what the construct does on purpose. */
export const NAG_REASONS = {
  cog4: 'The method uses AWS_IAM (SigV4) authorization: callers sign with temporary credentials of the Cognito identity pool\'s roles, which are the authorizer; a user-pool authorizer would bypass the per-role route grants.',
  waf: 'No web ACL was given (webAclArn): SigV4 rejects unsigned requests before any integration runs and stage throttling limits abuse; pass webAclArn to associate a REGIONAL WAFv2 web ACL.',
  cloudWatchRole: 'API Gateway needs this account-level role to write access and execution logs; AmazonAPIGatewayPushToCloudWatchLogs is the AWS managed policy documented for it and is scoped to CloudWatch Logs.',
};
