import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The id cdk-nag gives a wildcard-resource finding (`AwsSolutions-IAM5[Resource::<flat>]`), so a
 * construct can acknowledge exactly the wildcards it creates and nothing a user adds later.
 *
 * cdk-nag flattens intrinsics: `${x}` becomes `<x>`, `Ref x` becomes `<x>`, `GetAtt x.y` becomes
 * `<x.y>`, joins are concatenated. The resource is resolved now, so a logical id overridden
 * later, or a cross-stack reference, leaves the finding reported (never silenced by mistake).
 */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(resource))}]`;
}

function flatten(node: any): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'];
    return (items as any[]).map(flatten).join(delimiter);
  }
  if (node['Fn::Sub']) return flatten(node['Fn::Sub']);
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (node['Fn::ImportValue']) return flatten(node['Fn::ImportValue']);
  if (node.Ref) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(node);
}
