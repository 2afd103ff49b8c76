import { Annotations, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import type { PerDepartmentBucketAccessProps } from '../per-department-bucket-access';

/** CloudFormation's hard limit of resources per stack. */
export const STACK_RESOURCE_LIMIT = 500;
/** The share of the stack budget past which a warning is given. */
export const STACK_RESOURCE_WARNING_RATIO = 0.8;

/** IAM: a customer managed policy document, whitespace excluded. */
export const MANAGED_POLICY_MAX_CHARS = 6144;
/** IAM: all inline policies of one role together, whitespace excluded. */
export const INLINE_POLICIES_MAX_CHARS = 10240;
/** S3: a bucket policy. */
export const BUCKET_POLICY_MAX_BYTES = 20480;

/** The CloudFormation resources defined so far in a stack (nested stacks excluded). */
export function countStackResources(stack: Stack): number {
  return stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack).length;
}

// Worst-case lengths of what intrinsics resolve to at deploy time.
const PSEUDO_MAX: { [name: string]: number } = {
  'AWS::Partition': 'aws-iso-b'.length + 1,
  'AWS::AccountId': 12,
  'AWS::Region': 'ap-southeast-5'.length + 2,
  'AWS::URLSuffix': 'amazonaws.com.cn'.length,
};
const RESOURCE_NAME_MAX = 64; // a Ref to a generated resource name (bucket: 63, role: 64)
const ATTRIBUTE_MAX = 128; // an ARN or another Fn::GetAtt

/**
 * An upper estimate of a policy document's size as IAM and S3 count it (minified JSON), with
 * every intrinsic replaced by the longest value it can resolve to.
 */
export function estimatePolicySize(stack: Stack, document: iam.PolicyDocument): number {
  return JSON.stringify(concretize(stack.resolve(document.toJSON()))).length;
}

function concretize(value: any): any {
  if (Array.isArray(value)) return value.map(concretize);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    return 'x'.repeat(intrinsicLength(keys[0], value[keys[0]]));
  }
  const out: any = {};
  for (const k of keys) out[k] = concretize(value[k]);
  return out;
}

function intrinsicLength(fn: string, arg: any): number {
  switch (fn) {
    case 'Ref':
      return PSEUDO_MAX[arg] ?? RESOURCE_NAME_MAX;
    case 'Fn::Join': {
      const [sep, parts] = arg as [string, any[]];
      const lengths = parts.map((p) => (typeof p === 'string' ? p.length : String(concretize(p)).length));
      return lengths.reduce((a, b) => a + b, 0) + sep.length * Math.max(0, parts.length - 1);
    }
    case 'Fn::Sub': {
      const text = Array.isArray(arg) ? String(arg[0]) : String(arg);
      return text.replace(/\$\{[^}!]+\}/g, (v) => (v.includes(':') && !v.includes('AWS::') ? v : 'x'.repeat(ATTRIBUTE_MAX))).length;
    }
    default:
      return ATTRIBUTE_MAX;
  }
}

/**
 * Fails in the constructor, naming how many departments fit, rather than at CloudFormation's
 * 500-resource limit after a long synth (bucket mode costs up to 4 resources per department).
 *
 * @param scope the construct about to be populated
 * @param bucketMode bucket per department
 * @param groupBased departments come from user-pool groups (not from `departmentAttribute`)
 */
export function checkResourceBudget(scope: IConstruct, props: PerDepartmentBucketAccessProps, bucketMode: boolean, groupBased: boolean): void {
  const stack = Stack.of(scope);
  const auth = props.identityPool.userPoolAuth;
  const pool = props.identityPool;
  const newGroupAndRole = (group: string) => (auth && !auth.hasGroup(group) ? 1 : 0) + (pool.hasGroupRole(group) ? 0 : 1);
  let shared = props.serverAccessLogsBucket ? 0 : 2; // log bucket + its policy
  if (!bucketMode) shared += 2; // the data bucket + its policy
  if (props.adminGroup !== undefined) {
    // + its policy, except in bucket mode without KMS (the bucket policies grant the admin)
    shared += newGroupAndRole(props.adminGroup) + (!bucketMode || props.encryptionKey ? 1 : 0);
  }
  if (groupBased) {
    // the ABAC managed policies: read-write, read-only
    const readOnly = props.departments.filter((s) => s.readOnly ?? false).length;
    shared += (readOnly < props.departments.length ? 1 : 0) + (readOnly > 0 ? 1 : 0);
  } else {
    shared += 2; // at most: the pool's principal-tag mapping and baseline policy
  }
  const perDepartmentMax = bucketMode ? 4 : groupBased ? 2 : 0;
  let needed = shared;
  if (groupBased) {
    // bucket mode: the bucket and its policy
    for (const spec of props.departments) needed += (bucketMode ? 2 : 0) + newGroupAndRole(spec.groupName ?? spec.name);
  }
  const existing = countStackResources(stack);
  const total = existing + needed;
  if (total > STACK_RESOURCE_LIMIT) {
    if (perDepartmentMax === 0) {
      throw new Error(`the department bucket needs ${needed} resources but stack '${stack.stackName}' already has ${existing} of CloudFormation's ${STACK_RESOURCE_LIMIT}; define it in a stack with room`);
    }
    const fit = Math.max(0, Math.floor((STACK_RESOURCE_LIMIT - existing - shared) / perDepartmentMax));
    const wayOut = bucketMode
      ? 'Use DepartmentIsolation.PREFIX_PER_DEPARTMENT (one bucket; with departmentAttribute the template does not grow with departments)'
      : 'Use departmentAttribute (the department from a user attribute: the template does not grow with departments)';
    throw new Error(`${props.departments.length} departments need ${needed} resources (${perDepartmentMax} per department + ${shared} shared) but stack '${stack.stackName}' already has ${existing} of CloudFormation's ${STACK_RESOURCE_LIMIT}; at most ${fit} departments fit. ${wayOut} or split the departments over several stacks`);
  }
  if (total > STACK_RESOURCE_LIMIT * STACK_RESOURCE_WARNING_RATIO) {
    Annotations.of(scope).addWarningV2('cdk-cognito-access:stackResourceBudget',
      `stack '${stack.stackName}' reaches ${total} of CloudFormation's ${STACK_RESOURCE_LIMIT} resources with ${props.departments.length} departments (${perDepartmentMax} each); plan for PREFIX_PER_DEPARTMENT or another stack before adding more`);
  }
}
