import { Stack, Validations } from 'aws-cdk-lib';
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

/** The cdk-nag compliance packs that report the same rules under the same names. */
export const COMPLIANCE_PACKS = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];

/**
 * Acknowledges one rule of the compliance packs (HIPAA, NIST 800-53 R5, PCI DSS 3.2.1) on one
 * construct and what is under it, with the reason it does not apply there.
 */
export function acknowledgeCompliance(scope: IConstruct, rule: string, reason: string): void {
  for (const pack of COMPLIANCE_PACKS) Validations.of(scope).acknowledge({ id: `${pack}-${rule}`, reason });
}

/**
 * Acknowledges the compliance packs' inline-policy rule (which reports any `AWS::IAM::Policy`)
 * on one role, and so on the `DefaultPolicy` that grants to it create below it.
 */
export function acknowledgeInlinePolicies(role: IConstruct, reason: string): void {
  acknowledgeCompliance(role, 'IAMNoInlinePolicy', reason);
}
