import { Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Above the default priorities of `Tags.of(scope).add` (100) and `.remove` (200): a stack-wide
 * tag or tag removal must not change the tag that decides a role's access.
 */
const ACCESS_TAG_PRIORITY = 1000;

/** The access tags set on each role by this library, to refuse a second, different value. */
const accessTags = new WeakMap<iam.IRole, Map<string, { value: string; owner: string }>>();

/**
 * Tags a role with a tag its policies read as `${aws:PrincipalTag/<key>}` (role tags are
 * principal tags of the role's sessions).
 *
 * @param owner who sets the tag, named in the error
 * @param fix what to do when the role already carries another value for the key
 */
export function tagRoleForAccess(role: iam.Role, key: string, value: string, owner: string, fix: string): void {
  const tags = accessTags.get(role) ?? new Map<string, { value: string; owner: string }>();
  const previous = tags.get(key);
  if (previous !== undefined && previous.value !== value) {
    throw new Error(`role ${role.node.path} already carries the access tag '${key}' for ${previous.owner}; a role has one value per tag, so it cannot serve ${owner} too. ${fix}`);
  }
  tags.set(key, { value, owner });
  accessTags.set(role, tags);
  Tags.of(role).add(key, value, { priority: ACCESS_TAG_PRIORITY });
}
