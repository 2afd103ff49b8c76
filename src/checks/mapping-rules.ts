import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { isObject } from './private/intrinsics';
import { CognitoAccessRuleSpec, readable } from './private/rule-spec';

/** Cognito's hard cap on the rules of one rule-based role mapping (one identity provider). */
export const MAX_MAPPING_RULES = 25;

/**
 * CognitoAccess-MappingRules: a rule-based role mapping may hold at most 25 rules per provider.
 */
export const MAPPING_RULES_RULE: CognitoAccessRuleSpec = {
  suffix: 'MappingRules',
  level: NagMessageLevel.ERROR,
  info: `A rule-based role mapping of the identity pool role attachment has more than ${MAX_MAPPING_RULES} rules for one identity provider.`,
  explanation: `Cognito accepts at most ${MAX_MAPPING_RULES} rules per provider (a hard quota): the template synthesizes and then fails at deploy. `
    + 'Fix: map groups to roles with token-based mapping (each user-pool group carries its role ARN), or select access by a principal tag (ABAC) '
    + 'instead of one rule per value.',
  check: (node) => {
    const found = readable(node, 'AWS::Cognito::IdentityPoolRoleAttachment');
    const mappings = found?.resource.properties?.RoleMappings;
    if (!isObject(mappings)) return NagRuleCompliance.NOT_APPLICABLE;
    let counted = false;
    for (const mapping of Object.values(mappings)) {
      const rules = isObject(mapping) && isObject(mapping.RulesConfiguration) ? mapping.RulesConfiguration.Rules : undefined;
      // A rule list that is an intrinsic cannot be counted.
      if (!Array.isArray(rules)) continue;
      counted = true;
      if (rules.length > MAX_MAPPING_RULES) return NagRuleCompliance.NON_COMPLIANT;
    }
    return counted ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
  },
};
