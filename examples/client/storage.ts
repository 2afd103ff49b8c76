/**
 * Writes and reads an object in the user's own area of the department bucket. In prefix (ABAC)
 * mode PerDepartmentBucketAccess lets a user touch `departments/<department>/users/<identity id>/`,
 * where the department is the session's principal tag and the identity id the policy
 * variable `${cognito-identity.amazonaws.com:sub}`.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** The default key layout (PerDepartmentBucketAccess, prefix mode). */
export const DEFAULT_USER_PREFIX = 'departments/{department}/users/{identityId}/';

/** Values for the placeholders of a key template. */
export interface KeyValues {
  readonly identityId: string;
  readonly department?: string;
}

/**
 * Fills `{identityId}` and `{department}` in a key prefix template; the prefix must end in `/`
 * so that the user's area is a folder, not a name prefix shared with other identities.
 */
export function userPrefix(template: string, values: KeyValues): string {
  if (!template.endsWith('/')) throw new Error(`user prefix template must end with '/', got '${template}'; e.g. '${DEFAULT_USER_PREFIX}'`);
  if (!template.includes('{identityId}')) throw new Error(`user prefix template must contain {identityId} (the policy variable of the user's own area), got '${template}'`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'identityId') return values.identityId;
    if (name === 'department') {
      if (!values.department) throw new Error(`user prefix template '${template}' needs a department: the ID token has no custom:department claim; pass --department`);
      return values.department;
    }
    throw new Error(`user prefix template has an unknown placeholder {${name}}; use {identityId} and {department}`);
  });
}

/** Puts an object then reads it back; returns what was read. */
export async function putAndGet(s3: S3Client, bucket: string, key: string, body: string): Promise<string> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!got.Body) throw new Error(`GetObject s3://${bucket}/${key} returned no body`);
  return got.Body.transformToString('utf8');
}
