import { App, Aws, Duration, Fn, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CognitoUserPoolAuth } from '../src/cognito-user-pool-auth';
import { FederatedIdentityPool } from '../src/federated-identity-pool';
import { IamAuthorizedApi, RouteAccess, RouteAccessKind } from '../src/iam-authorized-api';
import { newTestStack } from './helpers/app';

interface Fixture {
  readonly stack: Stack;
  readonly auth: CognitoUserPoolAuth;
  readonly pool: FederatedIdentityPool;
}

function fixture(options: { allowGuests?: boolean; groups?: string[] } = {}): Fixture {
  const stack = newTestStack();
  const groups = options.groups ?? ['finance', 'hr'];
  const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: groups.map((name, i) => ({ name, precedence: i + 1 })) });
  const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, allowGuests: options.allowGuests ?? false, groupRoles: groups });
  return { stack, auth, pool };
}

const mock = () => new apigateway.MockIntegration();

/** The `Fn::Join` an execute-api ARN of this API and stage synthesizes to. */
function invokeArn(api: IamAuthorizedApi, resourceName: string): any {
  return {
    'Fn::Join': ['', [
      'arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':',
      { Ref: Stack.of(api).getLogicalId(api.api.node.defaultChild as apigateway.CfnRestApi) }, resourceName,
    ]],
  };
}

function methodsOf(stack: Stack): { [id: string]: any } {
  return Template.fromStack(stack).findResources('AWS::ApiGateway::Method');
}

describe('IamAuthorizedApi defaults', () => {
  test('snapshot of the default API with one authenticated Lambda route', () => {
    // GIVEN
    const { stack, pool } = fixture({ groups: [] });
    const fn = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 })'),
    });
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    api.addRoute('/items', 'GET', new apigateway.LambdaIntegration(fn));
    // THEN
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });

  test('every route method uses AWS_IAM and the default request validator', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/items', 'GET', mock());
    api.addRoute('/items/{id}', 'DELETE', mock());
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Method', 2);
    template.allResourcesProperties('AWS::ApiGateway::Method', {
      AuthorizationType: 'AWS_IAM',
      RequestValidatorId: { Ref: stack.getLogicalId(api.requestValidator!.node.defaultChild as apigateway.CfnRequestValidator) },
    });
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
  });

  test('the stage logs JSON access lines with the Cognito identity, logs errors, has metrics and throttling, no data trace', () => {
    // GIVEN
    const { stack, pool } = fixture();
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    api.addRoute('/items', 'GET', mock());
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: false,
      AccessLogSetting: {
        DestinationArn: { 'Fn::GetAtt': [stack.getLogicalId(api.accessLogGroup.node.defaultChild as logs.CfnLogGroup), 'Arn'] },
        Format: Match.stringLikeRegexp('"cognitoIdentityId":"\\$context\\.identity\\.cognitoIdentityId"'),
      },
      MethodSettings: [{
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        MetricsEnabled: true,
        ThrottlingRateLimit: 100,
        ThrottlingBurstLimit: 200,
      }],
    });
    const format = JSON.parse(Template.fromStack(stack).findResources('AWS::ApiGateway::Stage')[stack.getLogicalId(api.stage.node.defaultChild as apigateway.CfnStage)].Properties.AccessLogSetting.Format);
    expect(format).toMatchObject({
      cognitoIdentityPoolId: '$context.identity.cognitoIdentityPoolId',
      cognitoAuthenticationType: '$context.identity.cognitoAuthenticationType',
      cognitoAuthenticationProvider: '$context.identity.cognitoAuthenticationProvider',
      status: '$context.status',
    });
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 365 }, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('a regional endpoint, the construct id as name, and an account-level CloudWatch role that is retained', () => {
    // GIVEN
    const { stack, pool } = fixture();
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Orders', { identityPool: pool });
    api.addRoute('/', 'GET', mock());
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'Orders', EndpointConfiguration: { Types: ['REGIONAL'] } });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', Match.not(Match.objectLike({ Policy: Match.anyValue() })));
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    template.hasResource('AWS::IAM::Role', {
      Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })] } },
      DeletionPolicy: 'Retain',
    });
  });

  test('no CORS resources unless cors is set', () => {
    // GIVEN
    const { stack, pool } = fixture();
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    api.addRoute('/items', 'GET', mock());
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::GatewayResponse', 0);
    expect(Object.values(methodsOf(stack)).map((m) => m.Properties.HttpMethod)).toEqual(['GET']);
    expect(api.default4xxResponse).toBeUndefined();
  });

  test('the options reach the stage, the API and the log group', () => {
    // GIVEN
    const { stack, pool } = fixture();
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', {
      identityPool: pool,
      restApiName: 'orders-api',
      description: 'Orders',
      stageName: 'v1',
      throttlingRateLimit: 10,
      throttlingBurstLimit: 20,
      accessLogRetention: logs.RetentionDays.ONE_MONTH,
      loggingLevel: apigateway.MethodLoggingLevel.INFO,
      tracingEnabled: true,
      endpointType: apigateway.EndpointType.EDGE,
      cloudWatchRole: false,
    });
    api.addRoute('/items', 'GET', mock());
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'orders-api', Description: 'Orders', EndpointConfiguration: { Types: ['EDGE'] } });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      MethodSettings: [Match.objectLike({ LoggingLevel: 'INFO', ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 })],
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    // Grants follow the stage name.
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: invokeArn(api, '/v1/GET/items') }] },
    });
  });

  test('a request validator given in props replaces the default one, and a route can set its own', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const other = new apigateway.RestApi(stack, 'Other');
    other.root.addMethod('GET', mock());
    const validator = new apigateway.RequestValidator(stack, 'BodyOnly', { restApi: other, validateRequestBody: true });
    const routeValidator = new apigateway.RequestValidator(stack, 'ParamsOnly', { restApi: other, validateRequestParameters: true });
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool, requestValidator: validator });
    api.addRoute('/a', 'GET', mock());
    api.addRoute('/b', 'GET', mock(), { requestValidator: routeValidator, requestParameters: { 'method.request.querystring.q': true }, operationName: 'getB' });
    // THEN
    expect(api.requestValidator).toBeUndefined();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Method', { OperationName: Match.absent(), RequestValidatorId: { Ref: stack.getLogicalId(validator.node.defaultChild as apigateway.CfnRequestValidator) } });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      OperationName: 'getB',
      RequestParameters: { 'method.request.querystring.q': true },
      RequestValidatorId: { Ref: stack.getLogicalId(routeValidator.node.defaultChild as apigateway.CfnRequestValidator) },
    });
  });

  test('exposes the stage URL', () => {
    // GIVEN
    const { stack, pool } = fixture();
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    api.addRoute('/items', 'GET', mock());
    // THEN
    expect(stack.resolve(api.url)).toEqual(stack.resolve(api.api.url));
    expect(api.stage).toBe(api.api.deploymentStage);
  });
});

describe('IamAuthorizedApi route grants', () => {
  test('an authenticated route grants its exact method ARN through the shared baseline', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/items/{id}', 'GET', mock());
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: invokeArn(api, '/prod/GET/items/*') }] },
      Roles: Match.arrayWith([
        { Ref: stack.getLogicalId(pool.authenticatedRole.node.defaultChild as iam.CfnRole) },
        { Ref: stack.getLogicalId(pool.roleForGroup('finance').node.defaultChild as iam.CfnRole) },
      ]),
    });
  });

  test('many routes of one target share a single statement', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    for (let i = 0; i < 20; i++) api.addRoute(`/r${i}`, 'GET', mock());
    api.addRoute('/f', 'POST', mock(), { access: RouteAccess.groups(['finance']) });
    api.addRoute('/g', 'POST', mock(), { access: RouteAccess.groups(['finance']) });
    // THEN
    const baseline = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))[0];
    expect(baseline.Properties.PolicyDocument.Statement).toHaveLength(1);
    expect(baseline.Properties.PolicyDocument.Statement[0].Resource).toHaveLength(20);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [invokeArn(api, '/prod/POST/f'), invokeArn(api, '/prod/POST/g')] }] },
      Roles: [{ Ref: stack.getLogicalId(pool.roleForGroup('finance').node.defaultChild as iam.CfnRole) }],
    });
  });

  test('a guest route goes to the guest role and to the authenticated baseline', () => {
    // GIVEN
    const { stack, pool } = fixture({ allowGuests: true });
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/catalog', 'GET', mock(), { access: RouteAccess.guests() });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: invokeArn(api, '/prod/GET/catalog') }] },
      Roles: [{ Ref: stack.getLogicalId(pool.guestRole!.node.defaultChild as iam.CfnRole) }],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: invokeArn(api, '/prod/GET/catalog') }] },
    });
  });

  test('a guest route that is not a read is allowed with a warning', () => {
    // GIVEN
    const { stack, pool } = fixture({ allowGuests: true });
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/catalog', 'GET', mock(), { access: RouteAccess.guests() });
    api.addRoute('/feedback', 'POST', mock(), { access: RouteAccess.guests() });
    // THEN
    const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Api', Match.stringLikeRegexp('open to guests'));
    expect(warnings.map((w) => w.entry.data)).toEqual([
      expect.stringMatching(/^POST \/feedback is open to guests: anyone on the internet can get guest credentials from the identity pool/),
    ]);
  });

  test('an ANY route grants each concrete method, never a wildcard method', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/reports', 'any', mock(), { access: RouteAccess.groups(['finance']) });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'execute-api:Invoke',
          Effect: 'Allow',
          Resource: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map((m) => invokeArn(api, `/prod/${m}/reports`)),
        }],
      },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'ANY', AuthorizationType: 'AWS_IAM' });
  });

  test('a route for roles grants those roles only', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const ops = new iam.Role(stack, 'Ops', { assumedBy: new iam.AccountRootPrincipal() });
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/ops', 'POST', mock(), { access: RouteAccess.roles([ops]) });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: invokeArn(api, '/prod/POST/ops') }] },
      Roles: [{ Ref: stack.getLogicalId(ops.node.defaultChild as iam.CfnRole) }],
    });
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  test('a route for explicit grants only grants nothing until grantInvoke', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/internal', 'POST', mock(), { access: RouteAccess.explicitGrantsOnly() });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('execute-api');
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', AuthorizationType: 'AWS_IAM' });
  });

  test('the root path grants the root method ARN', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/', 'GET', mock());
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: invokeArn(api, '/prod/GET/') }] },
    });
  });

  test('routes added on the same path share one resource; deeper paths create their parents', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/a/b/{id}', 'GET', mock());
    api.addRoute('/a/b/{id}', 'PUT', mock());
    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Resource', 3);
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Method', 2);
  });
});

describe('RouteAccess', () => {
  test('factories describe their callers', () => {
    const stack = newTestStack();
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    expect(RouteAccess.authenticated()).toMatchObject({ kind: RouteAccessKind.AUTHENTICATED, groupNames: [], grantedRoles: [] });
    expect(RouteAccess.guests().kind).toBe(RouteAccessKind.GUESTS);
    expect(RouteAccess.groups(['finance', 'hr', 'finance'])).toMatchObject({ kind: RouteAccessKind.GROUPS, groupNames: ['finance', 'hr'] });
    expect(RouteAccess.roles([role, role])).toMatchObject({ kind: RouteAccessKind.ROLES, grantedRoles: [role] });
    expect(RouteAccess.explicitGrantsOnly().kind).toBe(RouteAccessKind.EXPLICIT_GRANTS_ONLY);
    expect(String(RouteAccess.groups(['finance', 'hr']))).toBe('groups finance, hr');
    expect(String(RouteAccess.roles([role]))).toBe('roles TestStack/R');
    expect(String(RouteAccess.explicitGrantsOnly())).toBe('explicit grants only');
  });
});

describe('IamAuthorizedApi.grantInvoke', () => {
  function apiWithRoute() {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    api.addRoute('/items', 'GET', mock(), { access: RouteAccess.explicitGrantsOnly() });
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    return { stack, api, role };
  }
  function grantedResources(stack: Stack, role: iam.Role): any {
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }] } });
    return Object.values(policies)[0].Properties.PolicyDocument.Statement[0].Resource;
  }

  test('at API level: every method of every path of the stage', () => {
    const { stack, api, role } = apiWithRoute();
    const grant = api.grantInvoke(role);
    expect(grant.success).toBe(true);
    expect(grantedResources(stack, role)).toEqual(invokeArn(api, '/prod/*/*'));
  });

  test('at path level: each method of that path, never a wildcard method that would span paths', () => {
    const { stack, api, role } = apiWithRoute();
    api.grantInvoke(role, undefined, '/items/{id}');
    expect(grantedResources(stack, role)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map((m) => invokeArn(api, `/prod/${m}/items/*`)));
  });

  test('at method level: that method on every path, or on one path', () => {
    const { stack, api, role } = apiWithRoute();
    api.grantInvoke(role, 'get');
    api.grantInvoke(role, 'POST', '/items');
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }] },
    }))[0].Properties.PolicyDocument.Statement;
    expect(statements.map((s: any) => s.Resource)).toEqual([invokeArn(api, '/prod/GET/*'), invokeArn(api, '/prod/POST/items')]);
  });

  test('a Lambda function is granted through its role', () => {
    const { stack, api } = apiWithRoute();
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    api.grantInvoke(fn, 'GET', '/items');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: invokeArn(api, '/prod/GET/items') }] },
      Roles: [{ Ref: stack.getLogicalId(fn.role!.node.defaultChild as iam.CfnRole) }],
    });
  });

  test("another account's principal is added to the API resource policy with the API-relative ARN", () => {
    const { stack, api } = apiWithRoute();
    const grant = api.grantInvoke(new iam.AccountPrincipal('210987654321'), 'GET', '/items');
    expect(grant.resourceStatement).toBeDefined();
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      Policy: {
        Statement: [{
          Action: 'execute-api:Invoke',
          Effect: 'Allow',
          Resource: 'execute-api:/prod/GET/items',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:root']] } },
        }],
      },
    });
  });
});

describe('IamAuthorizedApi CORS', () => {
  test('preflight OPTIONS on every route resource, without authorization, allowing the SigV4 headers and the origin', () => {
    // GIVEN
    const { stack, pool } = fixture();
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool, cors: { allowOrigins: ['https://app.example.com'], allowHeaders: ['X-Request-Id', 'authorization'] } });
    api.addRoute('/items', 'GET', mock());
    // THEN
    const options = Object.values(methodsOf(stack)).filter((m) => m.Properties.HttpMethod === 'OPTIONS');
    expect(options.length).toBeGreaterThanOrEqual(2); // root and /items
    for (const method of options) {
      expect(method.Properties.AuthorizationType).toBe('NONE');
      expect(method.Properties.Integration.Type).toBe('MOCK');
      expect(method.Properties.Integration.IntegrationResponses[0].ResponseParameters).toEqual({
        'method.response.header.Access-Control-Allow-Origin': "'https://app.example.com'",
        'method.response.header.Access-Control-Allow-Headers': "'Content-Type,Authorization,X-Amz-Date,X-Amz-Security-Token,X-Amz-Content-Sha256,X-Amz-User-Agent,X-Request-Id'",
        'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,GET,PUT,POST,DELETE,PATCH,HEAD'",
        'method.response.header.Access-Control-Max-Age': "'600'",
        'method.response.header.Vary': "'Origin'",
      });
    }
  });

  test('DEFAULT_4XX and DEFAULT_5XX gateway responses carry the CORS headers', () => {
    // GIVEN
    const { stack, pool } = fixture();
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', {
      identityPool: pool,
      cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true, exposeHeaders: ['X-Total'], allowMethods: ['GET', 'POST'], maxAge: Duration.hours(1) },
    });
    api.addRoute('/items', 'GET', mock());
    // THEN
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        RestApiId: { Ref: stack.getLogicalId(api.api.node.defaultChild as apigateway.CfnRestApi) },
        ResponseParameters: {
          'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
          'gatewayresponse.header.Access-Control-Allow-Headers': "'Content-Type,Authorization,X-Amz-Date,X-Amz-Security-Token,X-Amz-Content-Sha256,X-Amz-User-Agent'",
          'gatewayresponse.header.Access-Control-Allow-Methods': "'GET,POST'",
          'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
          'gatewayresponse.header.Access-Control-Expose-Headers': "'X-Total'",
          'gatewayresponse.header.Vary': "'Origin'",
        },
      });
    }
    expect(api.default4xxResponse).toBeDefined();
    expect(api.default5xxResponse).toBeDefined();
  });

  test('with several origins, the preflight picks the matching one and gateway responses echo Origin', () => {
    // GIVEN
    const { stack, pool } = fixture();
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool, cors: { allowOrigins: ['https://a.example.com', 'http://localhost:3000'] } });
    api.addRoute('/items', 'GET', mock());
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: Match.objectLike({
        'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
        'gatewayresponse.header.Vary': "'Origin'",
      }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      Integration: { IntegrationResponses: [Match.objectLike({ ResponseTemplates: { 'application/json': Match.stringLikeRegexp('\\$origin == "http://localhost:3000"') } })] },
    });
  });

  test('a specific gateway response keeps the CORS headers, and given headers win', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool, cors: { allowOrigins: ['https://app.example.com'] } });
    api.addRoute('/items', 'GET', mock());
    // WHEN
    api.addGatewayResponse('Expired', {
      type: apigateway.ResponseType.EXPIRED_TOKEN,
      statusCode: '401',
      responseHeaders: { 'Vary': "'Origin,Accept'", 'X-Reason': "'expired'" },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'EXPIRED_TOKEN',
      StatusCode: '401',
      ResponseParameters: Match.objectLike({
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
        'gatewayresponse.header.Vary': "'Origin,Accept'",
        'gatewayresponse.header.X-Reason': "'expired'",
      }),
    });
  });

  test('without cors, addGatewayResponse adds no header', () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    api.addRoute('/items', 'GET', mock());
    api.addGatewayResponse('Throttled', { type: apigateway.ResponseType.THROTTLED });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'THROTTLED', ResponseParameters: Match.absent() });
  });

  test("'*' alone is allowed with a warning, and no Vary header", () => {
    // GIVEN
    const { stack, pool } = fixture();
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool, cors: { allowOrigins: ['*'] } });
    api.addRoute('/items', 'GET', mock());
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'", 'gatewayresponse.header.Vary': Match.absent() }),
    });
    Annotations.fromStack(stack).hasWarning('/TestStack/Api', Match.stringLikeRegexp("cors.allowOrigins is '\\*'"));
  });
});

describe('IamAuthorizedApi identity to integrations', () => {
  test('the request template passes the body and the four Cognito identity fields', () => {
    const template = IamAuthorizedApi.identityRequestTemplate();
    for (const field of ['cognitoIdentityId', 'cognitoIdentityPoolId', 'cognitoAuthenticationType', 'cognitoAuthenticationProvider']) {
      expect(template).toContain(`"${field}": "$util.escapeJavaScript($context.identity.${field})"`);
    }
    expect(template).toContain('"body": #if($body && $body.trim() != "")$input.json(\'$\')#{else}null#end,');
  });

  test('the template reaches a non-proxy integration', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/items', 'POST', new apigateway.MockIntegration({
      requestTemplates: { 'application/json': IamAuthorizedApi.identityRequestTemplate() },
    }));
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: { RequestTemplates: { 'application/json': Match.stringLikeRegexp('\\$context\\.identity\\.cognitoIdentityId') } },
    });
  });

  test('the request parameters map the identity to headers of an HTTP integration', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN
    api.addRoute('/items', 'GET', new apigateway.HttpIntegration('https://backend.example.com/items', {
      proxy: true, options: { requestParameters: IamAuthorizedApi.identityRequestParameters() },
    }));
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: {
        RequestParameters: {
          'integration.request.header.X-Cognito-Identity-Id': 'context.identity.cognitoIdentityId',
          'integration.request.header.X-Cognito-Identity-Pool-Id': 'context.identity.cognitoIdentityPoolId',
          'integration.request.header.X-Cognito-Authentication-Type': 'context.identity.cognitoAuthenticationType',
          'integration.request.header.X-Cognito-Authentication-Provider': 'context.identity.cognitoAuthenticationProvider',
        },
      },
    });
  });
});

describe('IamAuthorizedApi WAF and resource policy', () => {
  test('a regional web ACL is associated with the stage', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3';
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool, webAclArn: arn });
    api.addRoute('/items', 'GET', mock());
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: arn,
      ResourceArn: stack.resolve(api.stage.stageArn),
    });
    expect(api.webAclAssociation).toBeDefined();
  });

  test('restrictToIdentityPoolRoles denies every caller but the pool roles and the granted roles', () => {
    // GIVEN
    const { stack, pool } = fixture({ allowGuests: true });
    const ops = new iam.Role(stack, 'Ops', { assumedBy: new iam.AccountRootPrincipal() });
    const ci = new iam.Role(stack, 'Ci', { assumedBy: new iam.AccountRootPrincipal() });
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool, restrictToIdentityPoolRoles: true });
    api.addRoute('/ops', 'POST', mock(), { access: RouteAccess.roles([ops]) });
    api.grantInvoke(ci, 'GET');
    pool.addRole('LateRole'); // added after the API: still listed
    // THEN
    const arnOf = (role: iam.Role) => ({ 'Fn::GetAtt': [stack.getLogicalId(role.node.defaultChild as iam.CfnRole), 'Arn'] });
    const late = pool.node.findChild('LateRole') as iam.Role;
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      Policy: {
        Statement: [{
          Sid: 'OnlyIdentityPoolRoles',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: {
            ArnNotLike: {
              'aws:PrincipalArn': Match.arrayEquals([
                arnOf(pool.authenticatedRole), arnOf(pool.guestRole!), arnOf(pool.roleForGroup('finance')), arnOf(pool.roleForGroup('hr')),
                arnOf(late), arnOf(ops), arnOf(ci),
              ]),
            },
          },
        }],
      },
    });
  });

  test("restrictToIdentityPoolRoles lists another account's role granted by ARN, and allows it in the resource policy", () => {
    // GIVEN
    const { stack, pool } = fixture({ groups: [] });
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool, restrictToIdentityPoolRoles: true });
    api.addRoute('/items', 'GET', mock());
    // WHEN
    api.grantInvoke(new iam.ArnPrincipal('arn:aws:iam::210987654321:role/partner'), 'GET', '/items');
    // THEN
    const policy = Template.fromStack(stack).findResources('AWS::ApiGateway::RestApi')[stack.getLogicalId(api.api.node.defaultChild as apigateway.CfnRestApi)].Properties.Policy;
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Condition: { ArnNotLike: { 'aws:PrincipalArn': expect.arrayContaining(['arn:aws:iam::210987654321:role/partner']) } } }),
      { Action: 'execute-api:Invoke', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/partner' }, Resource: 'execute-api:/prod/GET/items' },
    ]);
  });

  test('restrictToIdentityPoolRoles rejects a grant to a principal it cannot list', () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool, restrictToIdentityPoolRoles: true });
    expect(() => api.grantInvoke(new iam.AccountPrincipal('210987654321'))).toThrow(
      /grantInvoke\(\): restrictToIdentityPoolRoles denies every caller that is not a listed role, and .* is not a role or ARN principal; grant to a role/);
  });

  test('restrictToIdentityPoolRoles fails synthesis when the role list would pass 8,192 characters', () => {
    // GIVEN
    const { stack, pool } = fixture({ groups: [] });
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool, restrictToIdentityPoolRoles: true });
    // WHEN
    const roles = Array.from({ length: 80 }, (_, i) => new iam.Role(stack, `R${i}`, { assumedBy: new iam.AccountRootPrincipal() }));
    api.addRoute('/ops', 'POST', mock(), { access: RouteAccess.roles(roles) });
    // THEN
    expect(() => Template.fromStack(stack)).toThrow(/restrictToIdentityPoolRoles lists 81 role ARNs in the API resource policy \(~8500 characters, API Gateway allows 8192\)/);
  });
});

describe('IamAuthorizedApi bad input', () => {
  test('an API without routes fails synthesis', () => {
    const { stack, pool } = fixture();
    new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    expect(() => Template.fromStack(stack)).toThrow(/TestStack\/Api has no routes: add at least one with addRoute\(path, httpMethod, integration\)/);
  });

  test('the same path and method twice', () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    api.addRoute('/items', 'GET', mock());
    expect(() => api.addRoute('/items', 'get', mock(), { access: RouteAccess.groups(['hr']) }))
      .toThrow('route GET /items is already defined (authenticated); a path and method can be added once: change the method or the path');
  });

  test.each([
    ['items', "addRoute('items', 'GET'): path must start with '/' and be made of segments matching [A-Za-z0-9._-]+, {param} or a last {proxy+}, with no empty segment or trailing '/', got 'items'; use '/items'"],
    ['/items/', "got '/items/'"],
    ['/a//b', "got '/a//b'"],
    ['/a b', "got '/a b'"],
    ['/{proxy+}/x', "got '/{proxy+}/x'"],
    ['/{id', "got '/{id'"],
  ])('invalid path %s', (path, message) => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    expect(() => api.addRoute(path, 'GET', mock())).toThrow(message);
  });

  test('a repeated path parameter', () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    expect(() => api.addRoute('/a/{id}/b/{id}', 'GET', mock())).toThrow("path parameter '{id}' appears twice in '/a/{id}/b/{id}'; give each parameter its own name");
  });

  test('sibling parameters with different names', () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    api.addRoute('/items/{id}', 'GET', mock());
    expect(() => api.addRoute('/items/{itemId}/tags', 'GET', mock()))
      .toThrow("route GET /items/{itemId}/tags: '{itemId}' under '/items' conflicts with '{id}' of an earlier route; API Gateway allows one variable segment per parent, so use '{id}' in both routes");
  });

  test('an invalid method', () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    expect(() => api.addRoute('/items', 'FETCH', mock())).toThrow("addRoute('/items', 'FETCH'): HTTP method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, got 'FETCH'");
  });

  test('OPTIONS is reserved when CORS is on, allowed otherwise', () => {
    const withCors = fixture();
    const api = new IamAuthorizedApi(withCors.stack, 'Api', { identityPool: withCors.pool, cors: { allowOrigins: ['https://app.example.com'] } });
    expect(() => api.addRoute('/items', 'OPTIONS', mock())).toThrow(/HTTP method 'OPTIONS' is reserved for the CORS preflight when cors is set/);
    const without = fixture();
    const plain = new IamAuthorizedApi(without.stack, 'Api', { identityPool: without.pool });
    expect(plain.addRoute('/items', 'OPTIONS', mock()).httpMethod).toBe('OPTIONS');
  });

  test('a guests route when the pool has no guests', () => {
    const { stack, pool } = fixture({ allowGuests: false });
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    expect(() => api.addRoute('/public', 'GET', mock(), { access: RouteAccess.guests() }))
      .toThrow("addRoute('/public', 'GET'): RouteAccess.guests() needs guests, but identity pool TestStack/Pool has allowGuests: false (so no guest role exists); set allowGuests: true on the pool, or use RouteAccess.authenticated()");
  });

  test('a group route for a group without a role', () => {
    const { stack, auth, pool } = fixture({ groups: ['finance'] });
    auth.addGroup('legal');
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    expect(() => api.addRoute('/contracts', 'GET', mock(), { access: RouteAccess.groups(['legal']) }))
      .toThrow("addRoute('/contracts', 'GET'): group 'legal' has no role in identity pool TestStack/Pool (group roles: finance); add it with groupRoles: ['legal'] or identityPool.addGroupRole('legal')");
  });

  test('empty group and role lists', () => {
    expect(() => RouteAccess.groups([])).toThrow("RouteAccess.groups() got an empty list; name at least one group, e.g. RouteAccess.groups(['finance'])");
    expect(() => RouteAccess.roles([])).toThrow('RouteAccess.roles() got an empty list; pass at least one role, or use RouteAccess.explicitGrantsOnly()');
  });

  test.each([
    [{ allowOrigins: ['*'], allowCredentials: true }, "cors.allowOrigins '*' cannot be combined with allowCredentials: true (browsers reject it); list the exact origins, e.g. ['https://app.example.com']"],
    [{ allowOrigins: ['*', 'https://a.example.com'] }, "cors.allowOrigins cannot mix '*' with other origins, got '*', 'https://a.example.com'; keep '*' alone or list exact origins"],
    [{ allowOrigins: [] }, "cors.allowOrigins is empty; list the web origins that call the API, e.g. ['https://app.example.com']"],
    [{ allowOrigins: ['https://app.example.com/'] }, "cors.allowOrigins entries must be scheme://host[:port] with no path or trailing '/', got 'https://app.example.com/'; use e.g. 'https://app.example.com'"],
    [{ allowOrigins: ['app.example.com'] }, "got 'app.example.com'"],
    [{ allowOrigins: ["https://app.example.com'"] }, "got 'https://app.example.com''"],
    [{ allowOrigins: ['https://*.example.com'] }, "got 'https://*.example.com'"],
    [{ allowOrigins: ['https://app.example.com'], allowHeaders: ['X-A, X-B'] }, "cors.allowHeaders entries must be HTTP header names (letters, digits and !#$%&*+.^_|~-), got 'X-A, X-B'; list one header per entry, e.g. ['X-Request-Id']"],
    [{ allowOrigins: ['https://app.example.com'], exposeHeaders: ["X-It's"] }, "cors.exposeHeaders entries must be HTTP header names (letters, digits and !#$%&*+.^_|~-), got 'X-It's'"],
    [{ allowOrigins: ['https://app.example.com'], allowMethods: ['FETCH'] }, "cors.allowMethods: HTTP method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, got 'FETCH'"],
  ])('bad CORS %j', (cors, message) => {
    const { stack, pool } = fixture();
    expect(() => new IamAuthorizedApi(stack, 'Api', { identityPool: pool, cors })).toThrow(message);
  });

  test.each([
    [{ stageName: 'my stage' }, "stageName must match ^[A-Za-z0-9_-]{1,128}$, got 'my stage'; use e.g. 'prod'"],
    [{ throttlingRateLimit: -1 }, 'throttlingRateLimit must be a non-negative number, got -1'],
    [{ throttlingBurstLimit: 1.5 }, 'throttlingBurstLimit must be a non-negative integer, got 1.5'],
    [{ webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/api/a1b2c3' }, "webAclArn must be the ARN of a REGIONAL WAFv2 web ACL (arn:<partition>:wafv2:<region>:<account>:regional/webacl/<name>/<id>), got 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/api/a1b2c3'; CLOUDFRONT-scope web ACLs cannot be associated with an API stage"],
  ])('bad props %j', (props, message) => {
    const { stack, pool } = fixture();
    expect(() => new IamAuthorizedApi(stack, 'Api', { identityPool: pool, ...props })).toThrow(message);
  });

  test('bad method or path in grantInvoke', () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => api.grantInvoke(role, 'FETCH')).toThrow("grantInvoke('FETCH'): HTTP method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, got 'FETCH'");
    expect(() => api.grantInvoke(role, 'GET', 'items')).toThrow("grantInvoke('GET', 'items'): path must start with '/'");
  });
});

describe('IamAuthorizedApi policy size', () => {
  function fill(api: IamAuthorizedApi, access?: RouteAccess): number {
    let added = 0;
    for (let i = 0; i < 500; i++) {
      api.addRoute(`/resources/r${String(i).padStart(3, '0')}`, 'GET', mock(), { access });
      added++;
    }
    return added;
  }

  test('the authenticated baseline stops before the 6,144-character managed-policy limit, after a warning', () => {
    // GIVEN
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    // WHEN / THEN
    expect(() => fill(api)).toThrow(/^addRoute\('\/resources\/r06\d', 'GET'\): the execute-api grants for every signed-in identity would take about 6\d\d\d characters of the authenticated baseline \(a managed policy of 6144 characters\); serve related routes from one \{proxy\+\} or \{param\} route/);
    Annotations.fromStack(stack).hasWarning('/TestStack/Api', Match.stringLikeRegexp('the execute-api grants for every signed-in identity take about 4\\d\\d\\d of the 6144 characters'));
  });

  test("a group role's grants stop before the 10,240-character inline limit", () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    expect(() => fill(api, RouteAccess.groups(['hr']))).toThrow(/^addRoute\('\/resources\/r1\d\d', 'GET'\): the execute-api grants for group 'hr' would take about 10\d\d\d characters of the inline policies of that role \(10240 characters together\)/);
  });

  test('60 authenticated routes fit in one statement of the baseline', () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    for (let i = 0; i < 60; i++) api.addRoute(`/resources/r${String(i).padStart(3, '0')}`, 'GET', mock());
    const baseline = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))[0];
    expect(baseline.Properties.PolicyDocument.Statement).toHaveLength(1);
    expect(baseline.Properties.PolicyDocument.Statement[0].Resource).toHaveLength(60);
  });
});

describe('IamAuthorizedApi wildcard leaks between routes', () => {
  function api() {
    const { stack, pool } = fixture({ allowGuests: true });
    return new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
  }

  test('a parameter route for everyone above a group route is refused, in either order', () => {
    const message = "route GET /items/{id} (authenticated) and route GET /items/{id}/audit (groups finance) cannot coexist: the first one's execute-api ARN ends in 'GET/items/*', and IAM's '*' spans '/', so it would also let every signed-in identity call GET/items/{…}/audit; give both routes the same access, or move one under a prefix of its own (e.g. /admin/...)";
    const a = api();
    a.addRoute('/items/{id}', 'GET', mock());
    expect(() => a.addRoute('/items/{id}/audit', 'GET', mock(), { access: RouteAccess.groups(['finance']) })).toThrow(message);
    const b = api();
    b.addRoute('/items/{id}/audit', 'GET', mock(), { access: RouteAccess.groups(['finance']) });
    expect(() => b.addRoute('/items/{id}', 'GET', mock())).toThrow(message);
  });

  test('a parameter route also covers a literal sibling of another audience', () => {
    const a = api();
    a.addRoute('/items/{id}', 'GET', mock(), { access: RouteAccess.guests() });
    expect(() => a.addRoute('/items/special', 'GET', mock(), { access: RouteAccess.authenticated() }))
      .toThrow(/so it would also let guests call GET\/items\/special/);
  });

  test('an ANY route of one audience and a GET of another on the same path', () => {
    const a = api();
    a.addRoute('/reports', 'ANY', mock());
    expect(() => a.addRoute('/reports', 'GET', mock(), { access: RouteAccess.groups(['hr']) })).toThrow(/ends in 'GET\/reports'/);
  });

  test('a greedy proxy covers the root', () => {
    const a = api();
    a.addRoute('/{proxy+}', 'GET', mock(), { access: RouteAccess.groups(['hr']) });
    expect(() => a.addRoute('/', 'GET', mock(), { access: RouteAccess.groups(['finance']) })).toThrow(/so it would also let group 'hr' call GET\//);
  });

  test('allowed: overlaps whose audience already reaches the other route', () => {
    const a = api();
    a.addRoute('/items/{id}', 'GET', mock());
    a.addRoute('/items/{id}/tags', 'GET', mock()); // same audience
    a.addRoute('/docs/{id}', 'GET', mock(), { access: RouteAccess.groups(['finance']) });
    a.addRoute('/docs/{id}/x', 'GET', mock()); // finance keeps the authenticated baseline
    a.addRoute('/reports', 'ANY', mock(), { access: RouteAccess.groups(['hr']) });
    a.addRoute('/reports', 'GET', mock()); // hr reaches GET /reports through the baseline
    a.addRoute('/files', 'GET', mock());
    a.addRoute('/files', 'ANY', mock(), { access: RouteAccess.groups(['hr']) }); // the explicit GET answers GET /files, not ANY
    expect(Object.keys(Template.fromStack(Stack.of(a)).findResources('AWS::ApiGateway::Method'))).toHaveLength(8);
  });
});

describe('IamAuthorizedApi unresolved tokens', () => {
  test('token origins, throttling limits and web ACL ARNs are not checked', () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', {
      identityPool: pool,
      cors: { allowOrigins: [Fn.importValue('AppOrigin')], allowCredentials: true },
      throttlingRateLimit: Token.asNumber(Fn.importValue('Rate')),
      throttlingBurstLimit: Token.asNumber(Fn.importValue('Burst')),
      webAclArn: Fn.importValue('WebAcl'),
    });
    api.addRoute('/items', 'GET', mock());
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: { 'Fn::ImportValue': 'WebAcl' } });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Origin': { 'Fn::Join': ['', ["'", { 'Fn::ImportValue': 'AppOrigin' }, "'"]] } }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Stage', { MethodSettings: [Match.objectLike({ ThrottlingRateLimit: { 'Fn::ImportValue': 'Rate' } })] });
  });

  test('a token stage name is refused: the stage construct id is built from it', () => {
    const { stack, pool } = fixture();
    expect(() => new IamAuthorizedApi(stack, 'Api', { identityPool: pool, stageName: Fn.importValue('Stage') })).toThrow(/stageName must match \^\[A-Za-z0-9_-\]\{1,128\}\$, got '\$\{Token/);
  });

  test('a token method in grantInvoke is not checked and lands in the ARN', () => {
    const { stack, pool } = fixture();
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    api.addRoute('/items', 'GET', mock(), { access: RouteAccess.explicitGrantsOnly() });
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    api.grantInvoke(role, Fn.importValue('Method'), '/items');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ 'Fn::ImportValue': 'Method' }])] }) }] },
    });
  });

  test('a token principal account is not mistaken for another account', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'S', { env: { account: Aws.ACCOUNT_ID } });
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth });
    const api = new IamAuthorizedApi(stack, 'Api', { identityPool: pool });
    api.addRoute('/items', 'GET', mock());
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    expect(api.grantInvoke(role).resourceStatement).toBeUndefined();
  });
});
