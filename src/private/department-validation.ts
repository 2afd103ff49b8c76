import { Token } from 'aws-cdk-lib';
import type { PerDepartmentBucketAccessProps } from '../per-department-bucket-access';
import { assertCorsOrigins, assertDepartmentName, assertGroupName, assertUnique } from './department-names';

/**
 * Throws on the first property that cannot work, naming the value, the rule and the fix.
 *
 * @param bucketMode bucket per department
 * @param groupBased departments come from user-pool groups (not from `departmentAttribute`)
 */
export function validateDepartmentProps(props: PerDepartmentBucketAccessProps, bucketMode: boolean, groupBased: boolean): void {
  const specs = props.departments;
  if (bucketMode && props.departmentAttribute !== undefined) {
    throw new Error(`departmentAttribute ('${props.departmentAttribute}') only applies to DepartmentIsolation.PREFIX_PER_DEPARTMENT, got BUCKET_PER_DEPARTMENT; set isolation: DepartmentIsolation.PREFIX_PER_DEPARTMENT or remove departmentAttribute`);
  }
  if (props.departmentAttribute !== undefined && !Token.isUnresolved(props.departmentAttribute) && props.departmentAttribute.trim() === '') {
    throw new Error('departmentAttribute must name a token claim such as \'custom:department\', got \'\'; set the claim or remove departmentAttribute');
  }
  if (groupBased && specs.length === 0) {
    throw new Error(`departments must list at least one department with ${bucketMode ? 'BUCKET_PER_DEPARTMENT' : 'PREFIX_PER_DEPARTMENT without departmentAttribute'}, got []; declare departments: [{ name: 'finance' }], or use PREFIX_PER_DEPARTMENT with departmentAttribute`);
  }
  if (groupBased && !props.identityPool.userPoolAuth) {
    throw new Error(`departments map to user-pool groups, but identity pool ${props.identityPool.node.path} has no userPoolAuth; pass userPoolAuth to the identity pool, or use PREFIX_PER_DEPARTMENT with departmentAttribute`);
  }
  if (props.adminGroup !== undefined && !props.identityPool.userPoolAuth) {
    throw new Error(`adminGroup '${props.adminGroup}' is a user-pool group, but identity pool ${props.identityPool.node.path} has no userPoolAuth; pass userPoolAuth to the identity pool or remove adminGroup`);
  }
  for (const spec of specs) {
    assertDepartmentName(spec.name, groupBased);
    if (!groupBased && spec.groupName !== undefined) {
      throw new Error(`department '${spec.name}' sets groupName '${spec.groupName}', but with departmentAttribute the department comes from the '${props.departmentAttribute}' claim, not from a group; remove groupName`);
    }
    if (spec.groupName !== undefined) assertGroupName(spec.groupName, `groupName of department '${spec.name}'`);
    const group = spec.groupName ?? spec.name;
    if (spec.precedence !== undefined && (!groupBased || props.identityPool.userPoolAuth?.hasGroup(group))) {
      throw new Error(`department '${spec.name}' sets precedence ${spec.precedence}, but ${groupBased ? `its group '${group}' already exists; set the precedence where the group is created` : 'with departmentAttribute no group is created'}; remove precedence`);
    }
  }
  assertUnique(specs.map((s) => s.name), 'department', 'department names must be unique; remove or rename one');
  if (groupBased) {
    const groups = specs.map((s) => s.groupName ?? s.name);
    assertUnique(groups, 'group', 'each department needs a group (and so a role) of its own; give the departments distinct groupName values');
    if (props.adminGroup !== undefined) {
      assertGroupName(props.adminGroup, 'adminGroup');
      if (groups.includes(props.adminGroup)) {
        throw new Error(`adminGroup '${props.adminGroup}' is also a department's group; a group has one role: use a separate group for administrators`);
      }
    }
  } else if (props.adminGroup !== undefined) {
    assertGroupName(props.adminGroup, 'adminGroup');
  }
  if (props.cors) assertCorsOrigins(props.cors.allowedOrigins);
  const expiration = props.noncurrentVersionExpiration;
  if (expiration !== undefined && !Token.isUnresolved(expiration.toSeconds())) {
    const days = expiration.toSeconds() / 86400;
    if (!Number.isInteger(days) || days < 1) {
      throw new Error(`noncurrentVersionExpiration must be a whole number of days, at least 1 (S3 lifecycle rules count in days), got ${expiration.toHumanString()}; use e.g. Duration.days(90)`);
    }
  }
}
