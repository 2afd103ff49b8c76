import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CognitoAccessChecks } from '../src/checks';
import { CognitoUserPoolAuth } from '../src/cognito-user-pool-auth';
import { FederatedIdentityPool } from '../src/federated-identity-pool';
import { IamAuthorizedApi, RouteAccess } from '../src/iam-authorized-api';
import { newTestStack } from './helpers/app';

function build(props: { cors?: boolean; webAclArn?: string; cloudWatchRole?: boolean } = {}): { stack: Stack; api: IamAuthorizedApi } {
  const stack = newTestStack();
  const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: [{ name: 'finance', precedence: 1 }] });
  const pool = new FederatedIdentityPool(stack, 'Pool', { userPoolAuth: auth, allowGuests: true, groupRoles: ['finance'] });
  const api = new IamAuthorizedApi(stack, 'Api', {
    identityPool: pool,
    cors: props.cors ? { allowOrigins: ['https://app.example.com'] } : undefined,
    webAclArn: props.webAclArn,
    cloudWatchRole: props.cloudWatchRole,
  });
  const mock = () => new apigateway.MockIntegration();
  api.addRoute('/items', 'GET', mock());
  api.addRoute('/items/{id}', 'ANY', mock());
  api.addRoute('/catalog/{id}', 'GET', mock(), { access: RouteAccess.guests() });
  api.addRoute('/reports/{proxy+}', 'POST', mock(), { access: RouteAccess.groups(['finance']) });
  return { stack, api };
}

/**
 * Findings the API is responsible for, as `rule @ construct path`: those on its own resources,
 * and those about its execute-api grants wherever they landed (the pool's roles, other roles).
 */
function apiFindings(stack: Stack): string[] {
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.flatMap((v) => v.violatingResources
    .map((r) => `${v.ruleName} @ ${r.constructPath}`)
    .filter((finding) => finding.includes(' @ TestStack/Api/') || finding.includes('execute-api')));
}

describe('IamAuthorizedApi and cdk-nag AwsSolutions', () => {
  test('the default API has no finding', () => {
    expect(apiFindings(build().stack)).toEqual([]);
  });

  test('with CORS (unauthenticated preflight, gateway responses) it has no finding', () => {
    expect(apiFindings(build({ cors: true }).stack)).toEqual([]);
  });

  test('with a web ACL it has no finding, and WAF is satisfied rather than acknowledged', () => {
    const { stack, api } = build({ webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3' });
    expect(apiFindings(stack)).toEqual([]);
    expect(JSON.stringify(api.stage.node.metadata)).not.toContain('AwsSolutions-APIG3');
  });

  test('without the CloudWatch role it has no finding either', () => {
    expect(apiFindings(build({ cloudWatchRole: false }).stack)).toEqual([]);
  });

  test('path parameter wildcards are acknowledged one ARN at a time; wildcards asked for stay reported', () => {
    // GIVEN
    const { stack, api } = build();
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    // WHEN
    api.grantInvoke(caller, 'GET', '/items/{id}');
    api.grantInvoke(caller, 'DELETE');
    // THEN
    expect(apiFindings(stack)).toEqual([
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<ApiCD79AAA0>/prod/DELETE/*] @ TestStack/Caller/DefaultPolicy/Resource',
    ]);
    const poolAcks = JSON.stringify(stack.node.findChild('Pool').node.metadata);
    expect(poolAcks).toContain('AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<ApiCD79AAA0>/prod/GET/catalog/*]');
    expect(poolAcks).toContain('a path parameter of route GET /catalog/{id}');
  });

  test('COG4 is acknowledged on each IAM method with the SigV4 reason; the acknowledgments are what keep it clean', () => {
    // GIVEN
    const { stack, api } = build();
    // THEN: every IAM method carries the acknowledgment
    const methods = api.api.methods.filter((m) => m.httpMethod !== 'OPTIONS');
    expect(methods).toHaveLength(4);
    for (const method of methods) {
      expect(JSON.stringify(method.node.metadata)).toMatch(/AwsSolutions-COG4.*SigV4/);
    }
    // WHEN the same API is built with raw aws-cdk-lib methods, COG4 fires: the rule is live.
    const raw = new apigateway.RestApi(stack, 'Raw', { deploy: false });
    raw.root.addMethod('GET', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.IAM });
    const findings = new AwsSolutionsChecks().validateScope(stack).violations.map((v) => v.ruleName);
    expect(findings).toContain('AwsSolutions-COG4');
  });

  test("the library's own CognitoAccessChecks pack has no finding either", () => {
    expect(new CognitoAccessChecks().validateScope(build({ cors: true }).stack).violations).toEqual([]);
  });
});
