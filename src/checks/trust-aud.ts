import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { CognitoAccessRuleSpec, readable } from './private/rule-spec';
import { cognitoTrustStatements, pinsAudience } from './private/trust';

/**
 * CognitoAccess-TrustAud: a role that Cognito identity pools may assume must name the pool.
 */
export const TRUST_AUD_RULE: CognitoAccessRuleSpec = {
  suffix: 'TrustAud',
  level: NagMessageLevel.ERROR,
  info: 'The IAM role trusts cognito-identity.amazonaws.com (sts:AssumeRoleWithWebIdentity) without a StringEquals condition on cognito-identity.amazonaws.com:aud.',
  explanation: 'Without the aud condition an identity of any identity pool, in any AWS account, can obtain this role\'s credentials. '
    + 'Fix: add Condition { "StringEquals": { "cognito-identity.amazonaws.com:aud": <your identity pool id> } } to every statement of the trust policy '
    + 'that allows sts:AssumeRoleWithWebIdentity to cognito-identity.amazonaws.com (iam.FederatedPrincipal takes it as its conditions).',
  check: (node) => {
    const found = readable(node, 'AWS::IAM::Role');
    if (!found) return NagRuleCompliance.NOT_APPLICABLE;
    const pins = cognitoTrustStatements(found.resource).map(pinsAudience);
    if (pins.some((p) => p === false)) return NagRuleCompliance.NON_COMPLIANT;
    // Conditions that are intrinsics (Fn::If...) cannot be judged here.
    return pins.some((p) => p === true) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
  },
};
