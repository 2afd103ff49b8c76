import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { CognitoAccessRuleSpec, readable } from './private/rule-spec';

/**
 * CognitoAccess-ClassicFlow: identity pools should only hand out credentials through the
 * enhanced (simplified) flow.
 */
export const CLASSIC_FLOW_RULE: CognitoAccessRuleSpec = {
  suffix: 'ClassicFlow',
  level: NagMessageLevel.ERROR,
  info: 'The identity pool allows the classic (basic) authentication flow (AllowClassicFlow: true).',
  explanation: 'With the classic flow the client calls GetOpenIdToken and then sts:AssumeRoleWithWebIdentity itself, on any role whose trust '
    + 'policy accepts the pool: role mappings, group roles and the scope-down session policy Cognito applies in the enhanced flow are bypassed. '
    + 'Fix: remove AllowClassicFlow (it defaults to false) and use GetCredentialsForIdentity.',
  check: (node) => {
    const found = readable(node, 'AWS::Cognito::IdentityPool');
    if (!found) return NagRuleCompliance.NOT_APPLICABLE;
    const value = found.resource.properties?.AllowClassicFlow;
    if (value === true || value === 'true') return NagRuleCompliance.NON_COMPLIANT;
    if (value === undefined || value === false || value === 'false') return NagRuleCompliance.COMPLIANT;
    return NagRuleCompliance.NOT_APPLICABLE;
  },
};
