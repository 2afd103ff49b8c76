import { CfnParameter } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import { NagRuleCompliance } from 'cdk-nag';
import { judge, violators } from './nag';
import { CognitoAccessRule } from '../../src/checks';
import { CLASSIC_FLOW_RULE } from '../../src/checks/classic-flow';
import { newTestStack } from '../helpers/app';

const RULE = CognitoAccessRule.CLASSIC_FLOW;

describe('CognitoAccess-ClassicFlow', () => {
  test.each([
    ['left out', undefined],
    ['false', false],
  ])('an identity pool with AllowClassicFlow %s is compliant', (_name, allowClassicFlow) => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false, allowClassicFlow });
    // THEN
    expect(judge(CLASSIC_FLOW_RULE, pool)).toBe(NagRuleCompliance.COMPLIANT);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('an L1 identity pool with classic flow is reported', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false, allowClassicFlow: true });
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/Pool']);
  });

  test('the aws-cdk-lib IdentityPool construct with allowClassicFlow is reported', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    new identitypool.IdentityPool(stack, 'Pool', { allowClassicFlow: true });
    // THEN
    expect(violators(stack, RULE)).toEqual(['TestStack/Pool/Resource']);
  });

  test('classic flow turned on by a property override is reported', () => {
    // GIVEN
    const stack = newTestStack();
    const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false });
    // WHEN
    pool.addPropertyOverride('AllowClassicFlow', true);
    // THEN
    expect(judge(CLASSIC_FLOW_RULE, pool)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('a value taken from a parameter cannot be known and is skipped', () => {
    // GIVEN
    const stack = newTestStack();
    const classic = new CfnParameter(stack, 'Classic', { type: 'String', allowedValues: ['true', 'false'] });
    // WHEN
    const pool = new cognito.CfnIdentityPool(stack, 'Pool', { allowUnauthenticatedIdentities: false, allowClassicFlow: classic.value });
    // THEN
    expect(judge(CLASSIC_FLOW_RULE, pool)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(violators(stack, RULE)).toEqual([]);
  });

  test('other resources are not applicable', () => {
    // GIVEN
    const stack = newTestStack();
    // WHEN
    const userPool = new cognito.CfnUserPool(stack, 'UserPool');
    // THEN
    expect(judge(CLASSIC_FLOW_RULE, userPool)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
