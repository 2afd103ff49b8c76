import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { flatten } from './private/intrinsics';
import { conditionsOf, grantsAction, isAllow, policyDocumentsOf, resourcesOf, Statement, statementsOf } from './private/policies';
import { CognitoAccessRuleSpec, readable } from './private/rule-spec';
import { StackModel } from './private/stack-model';

/** The policy variable that names the caller's identity id. */
const IDENTITY_VARIABLE = '${cognito-identity.amazonaws.com:sub}';

function usesIdentityVariable(statement: Statement): boolean {
  return resourcesOf(statement).some((r) => r?.toLowerCase().includes(IDENTITY_VARIABLE));
}

/** Whether a resource names buckets (where s3:ListBucket applies) rather than objects. */
function isBucketLevel(resource: string, model: StackModel): boolean {
  if (resource.includes('/')) return false;
  if (resource === '*' || resource.includes(':s3:::')) return true;
  // `Fn::GetAtt [Bucket, Arn]` flattened to `<GetAtt:Bucket.Arn>`.
  const getAtt = /^<GetAtt:([^.>]+)\.Arn>$/.exec(resource);
  return getAtt !== null && model.get(getAtt[1])?.type === 'AWS::S3::Bucket';
}

/** Whether a statement restricts listing with an `s3:prefix` condition that is not a bare `*`. */
function isPrefixScoped(statement: Statement): boolean | undefined {
  const conditions = conditionsOf(statement);
  if (conditions === undefined) return undefined;
  return conditions.some((c) => c.key === 's3:prefix' && c.operator !== 'Null' && c.values.length > 0
    && c.values.every((v) => {
      const s = flatten(v);
      return s === undefined || !/^\**$/.test(s);
    }));
}

/** Whether the statement lets the caller list a bucket without a prefix condition. */
function listsUnscoped(statement: Statement, model: StackModel): boolean {
  if (!isAllow(statement) || grantsAction(statement, 's3:ListBucket') !== true) return false;
  const bucketLevel = statement.NotResource !== undefined
    || resourcesOf(statement).some((r) => r !== undefined && isBucketLevel(r, model));
  return bucketLevel && isPrefixScoped(statement) === false;
}

/**
 * CognitoAccess-ListBucketPrefix: a per-identity policy must not let a user list other users' keys.
 */
export const LIST_BUCKET_PREFIX_RULE: CognitoAccessRuleSpec = {
  suffix: 'ListBucketPrefix',
  level: NagMessageLevel.ERROR,
  info: 'A policy scopes resources by ${cognito-identity.amazonaws.com:sub} but grants s3:ListBucket on a bucket without an s3:prefix condition.',
  explanation: 'Per-user object ARNs keep users out of each other\'s objects, but s3:ListBucket applies to the bucket: without an s3:prefix '
    + 'condition every user can list every key of the bucket, including other users\' identity ids and file names. '
    + 'Fix: add Condition { "StringLike": { "s3:prefix": ["<area>/${cognito-identity.amazonaws.com:sub}/*"] } } to the ListBucket statement '
    + '(and keep ListBucket in a statement of its own, on the bucket ARN).',
  check: (node) => {
    const found = readable(node, 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy');
    if (!found) return NagRuleCompliance.NOT_APPLICABLE;
    let applicable = false;
    for (const document of policyDocumentsOf(found.resource)) {
      const statements = statementsOf(document);
      if (!statements || !statements.some(usesIdentityVariable)) continue;
      applicable = true;
      if (statements.some((s) => listsUnscoped(s, found.model))) return NagRuleCompliance.NON_COMPLIANT;
    }
    return applicable ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
  },
};
