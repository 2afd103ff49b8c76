import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isObject } from './intrinsics';

/**
 * One resource as it will be synthesized: properties resolved, overrides applied.
 */
export interface ResourceSnapshot {
  readonly logicalId: string;
  readonly type: string;
  /** The resolved `Properties`, or undefined when the resource could not be rendered. */
  readonly properties?: { [key: string]: any };
  readonly node: CfnResource;
}

/**
 * The resources of one stack, rendered once per validation run, so that a rule looking at one
 * resource can follow its `Ref`/`Fn::GetAtt` to others (a policy to its role, a principal tag
 * to its identity pool) without rendering the stack again for every resource.
 */
export class StackModel {
  /**
   * Forgets every rendered stack: called at the start of each validation run, so a stack
   * changed between two runs is read afresh.
   */
  public static reset(): void {
    StackModel.cache = new WeakMap();
  }

  /** The model of the stack that holds `node`. */
  public static of(node: IConstruct): StackModel {
    const stack = Stack.of(node);
    let model = StackModel.cache.get(stack);
    if (!model) {
      model = new StackModel(stack);
      StackModel.cache.set(stack, model);
    }
    return model;
  }

  private static cache = new WeakMap<Stack, StackModel>();

  private readonly byId = new Map<string, ResourceSnapshot>();
  private readonly byNode = new Map<CfnResource, ResourceSnapshot>();
  private readonly memos = new Map<string, unknown>();

  private constructor(stack: Stack) {
    for (const construct of stack.node.findAll()) {
      if (!CfnResource.isCfnResource(construct) || Stack.of(construct) !== stack) continue;
      const snapshot = render(stack, construct);
      if (!snapshot) continue;
      this.byId.set(snapshot.logicalId, snapshot);
      this.byNode.set(construct, snapshot);
    }
  }

  /** The snapshot of a resource of this stack. */
  public snapshot(node: CfnResource): ResourceSnapshot | undefined {
    return this.byNode.get(node);
  }

  /** The resource with this logical id, if it is in this stack. */
  public get(logicalId: string | undefined): ResourceSnapshot | undefined {
    return logicalId === undefined ? undefined : this.byId.get(logicalId);
  }

  /** Every resource of a CloudFormation type. */
  public ofType(type: string): ResourceSnapshot[] {
    return [...this.byId.values()].filter((r) => r.type === type);
  }

  /** A value derived from the whole stack, computed once per validation run. */
  public memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }
}

function render(stack: Stack, node: CfnResource): ResourceSnapshot | undefined {
  let logicalId: string;
  try {
    logicalId = stack.resolve(node.logicalId);
  } catch {
    return undefined;
  }
  try {
    // _toCloudFormation applies property overrides and escape hatches, which the L1 attributes do not show.
    const rendered = stack.resolve(node._toCloudFormation());
    const body = isObject(rendered) && isObject(rendered.Resources) ? Object.values(rendered.Resources)[0] : undefined;
    const raw = isObject(body) ? body.Properties : undefined;
    const properties = raw === undefined ? {} : isObject(raw) ? raw : undefined;
    return { logicalId, type: node.cfnResourceType, properties, node };
  } catch {
    // A value that cannot be resolved here (e.g. a reference another stage resolves): readable by no rule.
    return { logicalId, type: node.cfnResourceType, node };
  }
}
