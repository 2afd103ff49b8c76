import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { CognitoAccessRuleSpec, readable } from './private/rule-spec';
import { cognitoTrustStatements, pinsAmr } from './private/trust';

/**
 * CognitoAccess-TrustAmr: a role that Cognito identity pools may assume must say which kind of
 * identity (authenticated, unauthenticated, a given provider) may assume it.
 */
export const TRUST_AMR_RULE: CognitoAccessRuleSpec = {
  suffix: 'TrustAmr',
  level: NagMessageLevel.ERROR,
  info: 'The IAM role trusts cognito-identity.amazonaws.com (sts:AssumeRoleWithWebIdentity) without a ForAnyValue:StringLike condition on cognito-identity.amazonaws.com:amr.',
  explanation: 'Without the amr condition the role does not distinguish signed-in users from guests: with the classic (basic) flow, or a role mapping '
    + 'that points at it, an unauthenticated identity can obtain the credentials meant for authenticated users. '
    + 'Fix: add Condition { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } } '
    + '("unauthenticated" for the guest role) to every statement that allows sts:AssumeRoleWithWebIdentity to cognito-identity.amazonaws.com.',
  check: (node) => {
    const found = readable(node, 'AWS::IAM::Role');
    if (!found) return NagRuleCompliance.NOT_APPLICABLE;
    const pins = cognitoTrustStatements(found.resource).map(pinsAmr);
    if (pins.some((p) => p === false)) return NagRuleCompliance.NON_COMPLIANT;
    return pins.some((p) => p === true) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
  },
};
