import { asArray, flatten, isObject, refTarget } from './intrinsics';
import { StackModel } from './stack-model';
import { admitsGuests, audienceValues, cognitoTrustStatements } from './trust';

const ATTACHMENT = 'AWS::Cognito::IdentityPoolRoleAttachment';

/**
 * The roles of this stack that guests (unauthenticated identities) can obtain: their trust
 * admits amr `unauthenticated`, or a role attachment names them as the `unauthenticated` role.
 */
export function guestRoleIds(model: StackModel): Set<string> {
  return model.memo('guestRoleIds', () => {
    const ids = new Set<string>();
    for (const role of model.ofType('AWS::IAM::Role')) {
      if (cognitoTrustStatements(role).some(admitsGuests)) ids.add(role.logicalId);
    }
    for (const attachment of model.ofType(ATTACHMENT)) {
      const roles = attachment.properties?.Roles;
      const id = isObject(roles) ? refTarget(roles.unauthenticated) : undefined;
      if (model.get(id)?.type === 'AWS::IAM::Role') ids.add(id!);
    }
    return ids;
  });
}

/**
 * The roles of this stack an identity pool hands out: those its role attachments name
 * (default roles and rule-based mapping targets) and those whose trust pins the pool as `aud`
 * (which covers token-based group roles).
 *
 * @param poolKey the flattened identity pool id (`<Ref:PoolLogicalId>` or a literal id)
 */
export function poolRoleIds(model: StackModel, poolKey: string): string[] {
  const ids = new Set<string>();
  for (const attachment of model.ofType(ATTACHMENT)) {
    const props = attachment.properties;
    if (!props || flatten(props.IdentityPoolId) !== poolKey) continue;
    if (isObject(props.Roles)) Object.values(props.Roles).forEach((arn) => ids.add(refTarget(arn) ?? ''));
    if (isObject(props.RoleMappings)) {
      for (const mapping of Object.values(props.RoleMappings)) {
        const rules = isObject(mapping) && isObject(mapping.RulesConfiguration) ? asArray(mapping.RulesConfiguration.Rules) : [];
        rules.filter(isObject).forEach((rule) => ids.add(refTarget(rule.RoleARN) ?? ''));
      }
    }
  }
  for (const role of model.ofType('AWS::IAM::Role')) {
    if (cognitoTrustStatements(role).some((s) => audienceValues(s).includes(poolKey))) ids.add(role.logicalId);
  }
  return [...ids].filter((id) => model.get(id)?.type === 'AWS::IAM::Role');
}
