import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { judge, violations } from './nag';
import { addReferenceStacks } from '../../examples/app';
import { CLASSIC_FLOW_RULE } from '../../src/checks/classic-flow';
import { GUEST_WRITE_RULE } from '../../src/checks/guest-write';
import { LIST_BUCKET_PREFIX_RULE } from '../../src/checks/list-bucket-prefix';
import { MAPPING_RULES_RULE } from '../../src/checks/mapping-rules';
import { CognitoAccessRuleSpec } from '../../src/checks/private/rule-spec';
import { TAG_SESSION_RULE } from '../../src/checks/tag-session';
import { TRUST_AMR_RULE } from '../../src/checks/trust-amr';
import { TRUST_AUD_RULE } from '../../src/checks/trust-aud';

const RULES = [TRUST_AUD_RULE, TRUST_AMR_RULE, GUEST_WRITE_RULE, CLASSIC_FLOW_RULE, LIST_BUCKET_PREFIX_RULE, MAPPING_RULES_RULE, TAG_SESSION_RULE];

/** How many resources of the stacks each rule found compliant. */
function compliantCounts(stacks: Stack[]): { [suffix: string]: number } {
  const counts: { [suffix: string]: number } = {};
  const resources = stacks.flatMap((s) => s.node.findAll()).filter(CfnResource.isCfnResource);
  RULES.forEach((rule: CognitoAccessRuleSpec) => {
    counts[rule.suffix] = resources.filter((r) => judge(rule, r) === NagRuleCompliance.COMPLIANT).length;
  });
  return counts;
}

describe('CognitoAccessChecks on the reference app', () => {
  test('every stack of the reference app, built with the four constructs, has no violation', () => {
    // GIVEN
    const app = new App({ builtinCloudFormationValidation: false });
    // WHEN
    const stacks = addReferenceStacks(app);
    // THEN
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) expect({ stack: stack.stackName, violations: violations(stack) }).toEqual({ stack: stack.stackName, violations: {} });
    // ...and the rules did look at something: the app has pinned trusts, principal tags, per-identity listing.
    const counts = compliantCounts(stacks);
    for (const exercised of ['TrustAud', 'TrustAmr', 'ClassicFlow', 'ListBucketPrefix', 'TagSession']) {
      expect({ rule: exercised, compliant: counts[exercised] > 0 }).toEqual({ rule: exercised, compliant: true });
    }
  });
});
