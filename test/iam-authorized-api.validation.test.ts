import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CognitoUserPoolAuth } from '../src/cognito-user-pool-auth';
import { FederatedIdentityPool } from '../src/federated-identity-pool';
import { IamAuthorizedApi, RouteAccess } from '../src/iam-authorized-api';

// aws-cdk-lib's built-in CloudFormation schema validation is ON here (~3 s and ~300 MB per synth),
// in construct-library strict mode: every finding, warnings included, fails the synth.
describe('IamAuthorizedApi against the CloudFormation schema', () => {
  test('every feature on passes the schema check', () => {
    // GIVEN
    const app = new App({
      builtinCloudFormationValidation: true,
      context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:strictCfnValidateErrors': true },
    });
    const stack = new Stack(app, 'Api', { env: { account: '123456789012', region: 'us-east-1' } });
    const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance', precedence: 1 }] });
    const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, allowGuests: true, groupRoles: ['finance'] });
    const fn = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 })'),
    });
    const ops = new iam.Role(stack, 'Ops', { assumedBy: new iam.AccountRootPrincipal() });
    // WHEN
    const api = new IamAuthorizedApi(stack, 'Orders', {
      identityPool: pool,
      cors: { allowOrigins: ['https://app.example.com', 'http://localhost:3000'], allowHeaders: ['X-Request-Id'], exposeHeaders: ['X-Total'] },
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3',
      restrictToIdentityPoolRoles: true,
      tracingEnabled: true,
    });
    api.addRoute('/items', 'GET', new apigateway.LambdaIntegration(fn));
    api.addRoute('/items/{id}', 'ANY', new apigateway.LambdaIntegration(fn));
    api.addRoute('/catalog', 'GET', new apigateway.MockIntegration({
      requestTemplates: { 'application/json': IamAuthorizedApi.identityRequestTemplate() },
      integrationResponses: [{ statusCode: '200' }],
    }), { access: RouteAccess.guests(), methodResponses: [{ statusCode: '200' }] });
    api.addRoute('/reports', 'POST', new apigateway.HttpIntegration('https://backend.example.com/reports', {
      proxy: true, options: { requestParameters: IamAuthorizedApi.identityRequestParameters() },
    }), { access: RouteAccess.groups(['finance']) });
    api.addRoute('/ops', 'POST', new apigateway.LambdaIntegration(fn), { access: RouteAccess.roles([ops]) });
    api.grantInvoke(new iam.ArnPrincipal('arn:aws:iam::210987654321:role/partner'), 'GET', '/items');
    // THEN
    expect(() => app.synth()).not.toThrow();
  });
});
