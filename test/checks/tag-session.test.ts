import { Fn, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { AMR, AUD, cognitoPrincipal, judge, pinned, violators } from './nag';
import { CognitoAccessRule } from '../../src/checks';
import { TAG_SESSION_RULE } from '../../src/checks/tag-session';
import { newTestStack } from '../helpers/app';

const RULE = CognitoAccessRule.TAG_SESSION;
const PROVIDER = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc';

function pool(stack: Stack, id = 'Pool'): cognito.CfnIdentityPool {
  return new cognito.CfnIdentityPool(stack, id, { allowUnauthenticatedIdentities: false });
}

function principalTags(stack: Stack, identityPool: cognito.CfnIdentityPool, tags?: { [tag: string]: string }, useDefaults?: boolean) {
  return new cognito.CfnIdentityPoolPrincipalTag(stack, `${identityPool.node.id}Tags`, {
    identityPoolId: identityPool.ref,
    identityProviderName: PROVIDER,
    principalTags: tags,
    useDefaults,
  });
}

describe('CognitoAccess-TagSession', () => {
  test('the roles of a pool with principal tags that allow sts:TagSession are compliant', () => {
    // GIVEN
    const stack = newTestStack();
    const identityPool = pool(stack);
    const role = new iam.Role(stack, 'AuthRole', { assumedBy: cognitoPrincipal(pinned(identityPool.ref)).withSessionTags() });
    new cognito.CfnIdentityPoolRoleAttachment(stack, 'Attachment', { identityPoolId: identityPool.ref, roles: { authenticated: role.roleArn } });
    // WHEN
    principalTags(stack, identityPool, { department: 'custom:department' });
    // THEN
    expect(judge(TAG_SESSION_RULE, role)).toBe(NagRuleCompliance.COMPLIANT);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('a role of a pool with principal tags and no sts:TagSession is reported on the role', () => {
    // GIVEN
    const stack = newTestStack();
    const identityPool = pool(stack);
    new iam.Role(stack, 'AuthRole', { assumedBy: cognitoPrincipal(pinned(identityPool.ref)) });
    // WHEN
    principalTags(stack, identityPool, { department: 'custom:department' });
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/AuthRole/Resource']);
  });

  test('the roles named by the role attachment, default and rule-mapped, belong to the pool', () => {
    // GIVEN
    const stack = newTestStack();
    const identityPool = pool(stack);
    // Trusts that do not name this pool: only the attachment ties them to it.
    const authenticated = new iam.Role(stack, 'Authenticated', { assumedBy: cognitoPrincipal(pinned('us-east-1:elsewhere')) });
    const mapped = new iam.Role(stack, 'Mapped', { assumedBy: cognitoPrincipal(pinned('us-east-1:elsewhere')) });
    new cognito.CfnIdentityPoolRoleAttachment(stack, 'Attachment', {
      identityPoolId: identityPool.ref,
      roles: { authenticated: authenticated.roleArn },
      roleMappings: {
        users: {
          identityProvider: PROVIDER,
          type: 'Rules',
          ambiguousRoleResolution: 'Deny',
          rulesConfiguration: { rules: [{ claim: 'custom:department', matchType: 'Equals', value: 'finance', roleArn: mapped.roleArn }] },
        },
      },
    });
    // WHEN
    principalTags(stack, identityPool, undefined, true);
    // THEN
    expect(violators(stack, RULE).sort()).toEqual(['TestStack/Authenticated/Resource', 'TestStack/Mapped/Resource']);
  });

  test('a group role found only through its aud condition belongs to the pool', () => {
    // GIVEN
    const stack = newTestStack();
    const identityPool = pool(stack);
    const groupRole = new iam.Role(stack, 'GroupRole', { assumedBy: cognitoPrincipal(pinned(identityPool.ref)) });
    // WHEN
    principalTags(stack, identityPool, { department: 'custom:department' });
    // THEN
    expect(judge(TAG_SESSION_RULE, groupRole)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('the guest role needs no sts:TagSession: guests have no token, hence no tags', () => {
    // GIVEN
    const stack = newTestStack();
    const identityPool = pool(stack);
    const guest = new iam.Role(stack, 'Guest', { assumedBy: cognitoPrincipal(pinned(identityPool.ref, 'unauthenticated')) });
    const attachedGuest = new iam.Role(stack, 'AttachedGuest', { assumedBy: cognitoPrincipal(pinned('us-east-1:elsewhere', 'unauthenticated')) });
    new cognito.CfnIdentityPoolRoleAttachment(stack, 'Attachment', { identityPoolId: identityPool.ref, roles: { unauthenticated: attachedGuest.roleArn } });
    // WHEN
    principalTags(stack, identityPool, { department: 'custom:department' });
    // THEN
    expect(judge(TAG_SESSION_RULE, guest)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(judge(TAG_SESSION_RULE, attachedGuest)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('a role that admits guests and signed-in users needs sts:TagSession', () => {
    // GIVEN
    const stack = newTestStack();
    const identityPool = pool(stack);
    // WHEN
    const both = new iam.Role(stack, 'Both', {
      assumedBy: cognitoPrincipal({ 'StringEquals': { [AUD]: identityPool.ref }, 'ForAnyValue:StringLike': { [AMR]: ['authenticated', 'unauthenticated'] } }),
    });
    principalTags(stack, identityPool, { department: 'custom:department' });
    // THEN
    expect(judge(TAG_SESSION_RULE, both)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('a literal identity pool id is matched against the literal aud of the trusts', () => {
    // GIVEN
    const stack = newTestStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: cognitoPrincipal({ StringEquals: { [AUD]: 'us-east-1:1234' } }) });
    // WHEN
    new cognito.CfnIdentityPoolPrincipalTag(stack, 'Tags', {
      identityPoolId: 'us-east-1:1234',
      identityProviderName: PROVIDER,
      principalTags: { department: 'custom:department' },
    });
    // THEN
    expect(judge(TAG_SESSION_RULE, role)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('roles of another pool, and pools that map no tag, are not applicable', () => {
    // GIVEN
    const stack = newTestStack();
    const tagged = pool(stack, 'Tagged');
    const untagged = pool(stack, 'Untagged');
    const other = pool(stack, 'Other');
    const ofOther = new iam.Role(stack, 'OfOther', { assumedBy: cognitoPrincipal(pinned(other.ref)) });
    const ofUntagged = new iam.Role(stack, 'OfUntagged', { assumedBy: cognitoPrincipal(pinned(untagged.ref)) });
    // WHEN
    principalTags(stack, tagged, { department: 'custom:department' });
    principalTags(stack, untagged, {}, false);
    // THEN
    expect(judge(TAG_SESSION_RULE, ofOther)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(judge(TAG_SESSION_RULE, ofUntagged)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('an identity pool id that is an intrinsic is skipped', () => {
    // GIVEN
    const stack = newTestStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: cognitoPrincipal(pinned(Fn.importValue('PoolId'))) });
    // WHEN
    new cognito.CfnIdentityPoolPrincipalTag(stack, 'Tags', {
      identityPoolId: Fn.importValue('PoolId'),
      identityProviderName: PROVIDER,
      principalTags: { department: 'custom:department' },
    });
    // THEN
    expect(judge(TAG_SESSION_RULE, role)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(violators(stack, RULE)).toEqual([]);
  });
});
