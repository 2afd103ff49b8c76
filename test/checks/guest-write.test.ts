import { Fn, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { AMR, AUD, COGNITO_IDENTITY, cognitoPrincipal, findings, judge, pinned, violators } from './nag';
import { CognitoAccessRule } from '../../src/checks';
import { GUEST_WRITE_RULE } from '../../src/checks/guest-write';
import { newTestStack } from '../helpers/app';

const RULE = CognitoAccessRule.GUEST_WRITE;

function guestRole(stack: Stack, id = 'GuestRole'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: cognitoPrincipal(pinned('us-east-1:pool', 'unauthenticated')) });
}

describe('CognitoAccess-GuestWrite', () => {
  test('a guest role with read-only actions is compliant', () => {
    // GIVEN
    const stack = newTestStack();
    const role = guestRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:List*', 'execute-api:Invoke'], resources: ['*'] }));
    // THEN
    expect(judge(GUEST_WRITE_RULE, role.node.findChild('DefaultPolicy'))).toBe(NagRuleCompliance.COMPLIANT);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('a guest role allowed to write is reported per action, on its policy', () => {
    // GIVEN
    const stack = newTestStack();
    const role = guestRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 'dynamodb:DeleteItem'], resources: ['*'] }));
    // THEN
    expect(findings(stack, RULE)).toEqual(['Action::dynamodb:DeleteItem', 'Action::s3:PutObject']);
    expect(violators(stack, RULE)).toEqual(['TestStack/GuestRole/DefaultPolicy/Resource', 'TestStack/GuestRole/DefaultPolicy/Resource']);
  });

  test.each([
    ['*', true],
    ['s3:*', true],
    ['dynamodb:Put*', true],
    ['s3:*Object', true],
    ['s3:p*', true],
    ['dynamodb:BatchWriteItem', true],
    ['iam:PassRole', true],
    ['s3:Get*', false],
    ['dynamodb:Query', false],
    ['execute-api:Invoke', false],
  ])('action %s on a guest role: reported = %s', (action, reported) => {
    // GIVEN
    const stack = newTestStack();
    const role = guestRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ actions: [action], resources: ['*'] }));
    // THEN
    expect(findings(stack, RULE)).toEqual(reported ? [`Action::${action}`] : []);
  });

  test('an inline policy of an L1 guest role is reported on the role', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new iam.CfnRole(stack, 'Raw', {
      assumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: COGNITO_IDENTITY },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { 'StringEquals': { [AUD]: 'us-east-1:pool' }, 'ForAnyValue:StringLike': { [AMR]: 'unauthenticated' } },
        }],
      },
      policies: [{ policyName: 'guest', policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }],
    });
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/Raw']);
    expect(findings(stack, RULE)).toEqual(['Action::s3:*']);
  });

  test('the role attached as unauthenticated is a guest role, whatever its trust says', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: true });
    const role = new iam.Role(stack, 'Role', { assumedBy: cognitoPrincipal({ StringEquals: { [AUD]: pool.ref } }) });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
    // WHEN
    new cognito.CfnIdentityPoolRoleAttachment(stack, 'Attachment', { identityPoolId: pool.ref, roles: { unauthenticated: role.roleArn } });
    // THEN
    expect(findings(stack, RULE)).toEqual(['Action::sqs:SendMessage']);
  });

  test('the aws-cdk-lib IdentityPool guest role with a write grant is reported', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new identitypool.IdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: true });
    // WHEN
    pool.unauthenticatedRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::b/*'] }));
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/Pool/UnauthenticatedRole/DefaultPolicy/Resource']);
  });

  test('standalone and managed policies attached to a guest role are reported where they are', () => {
    // GIVEN
    const stack = newTestStack();
    const role = guestRole(stack);
    const write = new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: ['*'] });
    // WHEN
    new iam.Policy(stack, 'Standalone', { statements: [write], roles: [role] });
    role.addManagedPolicy(new iam.ManagedPolicy(stack, 'Managed', { statements: [write] }));
    // THEN
    expect(violators(stack, RULE).sort()).toEqual(['TestStack/Managed/Resource', 'TestStack/Standalone/Resource']);
  });

  test('an AWS::IAM::RolePolicy on a guest role is reported', () => {
    // GIVEN
    const stack = newTestStack();
    const role = guestRole(stack);
    // WHEN
    new iam.CfnRolePolicy(stack, 'RolePolicy', {
      roleName: role.roleName,
      policyName: 'guest-upload',
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }] },
    });
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/RolePolicy']);
  });

  test('a broad AWS managed policy on a guest role is reported by name', () => {
    // GIVEN
    const stack = newTestStack();
    const role = guestRole(stack);
    // WHEN
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess'));
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess'));
    // THEN
    expect(findings(stack, RULE)).toEqual(['Policy::AmazonS3FullAccess']);
    expect(violators(stack, RULE)).toEqual(['TestStack/GuestRole/Resource']);
  });

  test('Allow with NotAction grants everything else and is reported', () => {
    // GIVEN
    const stack = newTestStack();
    const role = guestRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }));
    // THEN
    expect(findings(stack, RULE)).toEqual(['NotAction::iam:*']);
  });

  test('Deny statements are not write grants', () => {
    // GIVEN
    const stack = newTestStack();
    const role = guestRole(stack);
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] }));
    // THEN
    expect(judge(GUEST_WRITE_RULE, role.node.findChild('DefaultPolicy'))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('the authenticated role may write: not applicable', () => {
    // GIVEN
    const stack = newTestStack();
    const role = new iam.Role(stack, 'AuthRole', { assumedBy: cognitoPrincipal(pinned('us-east-1:pool')) });
    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));
    // THEN
    expect(judge(GUEST_WRITE_RULE, role.node.findChild('DefaultPolicy'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('an acknowledged finding is accepted and the others still show', () => {
    // GIVEN
    const stack = newTestStack();
    const role = guestRole(stack);
    role.addToPolicy(new iam.PolicyStatement({ actions: ['mobiletargeting:PutEvents', 's3:PutObject'], resources: ['*'] }));
    // WHEN
    Validations.of(role).acknowledge({ id: `${RULE}[Action::mobiletargeting:PutEvents]`, reason: 'guests send analytics events' });
    // THEN
    expect(findings(stack, RULE)).toEqual(['Action::s3:PutObject']);
  });

  test('acknowledging the bare rule id does not hide its findings', () => {
    // GIVEN
    const stack = newTestStack();
    const role = guestRole(stack);
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));
    // WHEN
    Validations.of(role).acknowledge({ id: RULE, reason: 'too broad: each write must be accepted on its own' });
    // THEN
    expect(findings(stack, RULE)).toEqual(['Action::s3:PutObject']);
  });

  test('actions that are intrinsics are skipped', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new iam.CfnRole(stack, 'Raw', {
      assumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: COGNITO_IDENTITY },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { 'StringEquals': { [AUD]: 'us-east-1:pool' }, 'ForAnyValue:StringLike': { [AMR]: 'unauthenticated' } },
        }],
      },
      policies: [{
        policyName: 'guest',
        policyDocument: { Statement: [{ Effect: 'Allow', Action: Fn.split(',', Fn.importValue('GuestActions')), Resource: '*' }] },
      }],
    });
    // THEN
    expect(violators(stack, RULE)).toEqual([]);
  });
});
