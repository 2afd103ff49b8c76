import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

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
