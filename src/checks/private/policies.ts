import { asArray, flatten, flattenAll, isFullyKnown, isObject, refTarget, wildcardMatches } from './intrinsics';
import { ResourceSnapshot, StackModel } from './stack-model';

/** One statement of a resolved policy document. */
export type Statement = { [key: string]: any };

/** One condition of a statement: `{ operator: { key: values } }` flattened. */
export interface ConditionEntry {
  readonly operator: string;
  /** The condition key, lower-cased (IAM compares keys without case). */
  readonly key: string;
  readonly values: unknown[];
}

/**
 * The statements of a resolved policy document.
 *
 * @returns undefined when the document or its statement list is an intrinsic that cannot be read.
 */
export function statementsOf(document: unknown): Statement[] | undefined {
  if (!isObject(document)) return undefined;
  const statements = asArray(document.Statement);
  return statements.every(isObject) ? statements as Statement[] : undefined;
}

/** Whether the statement allows (rather than denies). */
export function isAllow(statement: Statement): boolean {
  return statement.Effect === 'Allow';
}

/**
 * Whether the statement's `Action` (or `NotAction`) covers an action, wildcards included.
 *
 * @returns undefined when the action list cannot be read.
 */
export function grantsAction(statement: Statement, action: string): boolean | undefined {
  if (statement.Action !== undefined) {
    if (!isFullyKnown(statement.Action)) return undefined;
    return flattenAll(statement.Action).some((pattern) => wildcardMatches(pattern, action));
  }
  if (statement.NotAction !== undefined) {
    if (!isFullyKnown(statement.NotAction)) return undefined;
    return !flattenAll(statement.NotAction).some((pattern) => wildcardMatches(pattern, action));
  }
  return false;
}

/**
 * The conditions of a statement, one entry per operator and key.
 *
 * @returns undefined when the condition block is an intrinsic that cannot be read.
 */
export function conditionsOf(statement: Statement): ConditionEntry[] | undefined {
  if (statement.Condition === undefined) return [];
  if (!isObject(statement.Condition)) return undefined;
  const entries: ConditionEntry[] = [];
  for (const [operator, block] of Object.entries(statement.Condition)) {
    if (!isObject(block)) return undefined;
    for (const [key, values] of Object.entries(block)) {
      entries.push({ operator, key: key.toLowerCase(), values: asArray(values) });
    }
  }
  return entries;
}

/** The identity-policy documents a resource carries: a role's inline policies, or a policy's document. */
export function policyDocumentsOf(resource: ResourceSnapshot): unknown[] {
  const props = resource.properties;
  if (!props) return [];
  switch (resource.type) {
    case 'AWS::IAM::Role':
      return asArray(props.Policies).filter(isObject).map((p) => p.PolicyDocument);
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
    case 'AWS::IAM::RolePolicy':
      return [props.PolicyDocument];
    default:
      return [];
  }
}

/**
 * The logical ids of the roles of this stack a policy resource applies to (a role applies to
 * itself). A role that is not in this stack, or named by a literal, is not followed.
 */
export function attachedRoleIds(resource: ResourceSnapshot, model: StackModel): string[] {
  const props = resource.properties;
  if (!props) return [];
  switch (resource.type) {
    case 'AWS::IAM::Role':
      return [resource.logicalId];
    case 'AWS::IAM::Policy':
      return rolesIn(asArray(props.Roles), model);
    case 'AWS::IAM::RolePolicy':
      return rolesIn([props.RoleName], model);
    case 'AWS::IAM::ManagedPolicy': {
      const direct = rolesIn(asArray(props.Roles), model);
      // A managed policy is also attached by the roles that list it in ManagedPolicyArns.
      const listing = model.ofType('AWS::IAM::Role')
        .filter((role) => asArray(role.properties?.ManagedPolicyArns).some((arn) => refTarget(arn) === resource.logicalId))
        .map((role) => role.logicalId);
      return [...new Set([...direct, ...listing])];
    }
    default:
      return [];
  }
}

function rolesIn(values: unknown[], model: StackModel): string[] {
  return values
    .map(refTarget)
    .filter((id): id is string => model.get(id)?.type === 'AWS::IAM::Role');
}

/** The resource strings of a statement; a value that cannot be read is returned as undefined. */
export function resourcesOf(statement: Statement): (string | undefined)[] {
  return asArray(statement.Resource).map(flatten);
}
