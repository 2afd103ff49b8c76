import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { flatten, isObject } from './private/intrinsics';
import { guestRoleIds, poolRoleIds } from './private/pool-roles';
import { CognitoAccessRuleSpec, readable } from './private/rule-spec';
import { StackModel } from './private/stack-model';
import { admitsAuthenticated, cognitoTrustStatements, TAG_SESSION } from './private/trust';

/** Whether a principal-tag resource maps any tag (its own map, or Cognito's defaults). */
function mapsTags(props: { [key: string]: any }): boolean {
  const useDefaults = props.UseDefaults === true || props.UseDefaults === 'true';
  const tags = props.PrincipalTags;
  // A tag map that is an intrinsic still maps tags.
  const explicit = tags !== undefined && (!isObject(tags) || Object.keys(tags).length > 0);
  return useDefaults || explicit;
}

/**
 * The roles of this stack handed out to signed-in identities by an identity pool that maps
 * principal tags. Guest-only roles are left out: guests have no token, hence no tags.
 */
function taggedRoleIds(model: StackModel): Set<string> {
  return model.memo('taggedRoleIds', () => {
    const ids = new Set<string>();
    for (const principalTag of model.ofType('AWS::Cognito::IdentityPoolPrincipalTag')) {
      const props = principalTag.properties;
      const poolKey = props ? flatten(props.IdentityPoolId) : undefined;
      if (!props || poolKey === undefined || !mapsTags(props)) continue;
      const guests = guestRoleIds(model);
      poolRoleIds(model, poolKey)
        .filter((id) => !guests.has(id) || cognitoTrustStatements(model.get(id)!).some(admitsAuthenticated))
        .forEach((id) => ids.add(id));
    }
    return ids;
  });
}

/**
 * CognitoAccess-TagSession: every role of a pool that maps principal tags must let Cognito tag
 * the session. The violation is reported on the role, where the fix goes.
 */
export const TAG_SESSION_RULE: CognitoAccessRuleSpec = {
  suffix: 'TagSession',
  level: NagMessageLevel.ERROR,
  info: 'The role belongs to an identity pool that maps principal tags (AWS::Cognito::IdentityPoolPrincipalTag), but its trust policy does not allow sts:TagSession to cognito-identity.amazonaws.com.',
  explanation: 'With principal tags Cognito calls sts:AssumeRoleWithWebIdentity with session tags; a role whose trust policy does not also allow '
    + 'sts:TagSession refuses the call, and every sign-in that gets that role fails at run time (nothing fails at deploy). '
    + 'Fix: add "sts:TagSession" next to "sts:AssumeRoleWithWebIdentity" in the cognito-identity.amazonaws.com statement of each role of the pool '
    + '(authenticated, group and rule-mapped roles; guests have no token, so the guest role needs no tags).',
  check: (node) => {
    const found = readable(node, 'AWS::IAM::Role');
    if (!found || !taggedRoleIds(found.model).has(found.resource.logicalId)) return NagRuleCompliance.NOT_APPLICABLE;
    return cognitoTrustStatements(found.resource, TAG_SESSION).length > 0 ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
