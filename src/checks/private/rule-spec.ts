import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { ResourceSnapshot, StackModel } from './stack-model';

/**
 * One rule of the pack: its id suffix (the rule id is `CognitoAccess-<suffix>`), the message a
 * violation shows, and the check itself.
 */
export interface CognitoAccessRuleSpec {
  readonly suffix: string;
  readonly level: NagMessageLevel;
  /** Why the rule was triggered (shown on every violation). */
  readonly info: string;
  /** Why the rule exists and how to fix it (shown in verbose mode). */
  readonly explanation: string;
  readonly check: (node: CfnResource) => NagRuleResult;
}

/** The rendered resource, when it is of one of the given types and its properties could be read. */
export function readable(node: CfnResource, ...types: string[]): { resource: ResourceSnapshot; model: StackModel } | undefined {
  if (!types.includes(node.cfnResourceType)) return undefined;
  const model = StackModel.of(node);
  const resource = model.snapshot(node);
  return resource?.properties ? { resource, model } : undefined;
}
