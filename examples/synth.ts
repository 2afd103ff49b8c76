/**
 * The README's main job: synthesize the reference app into cdk.out/ with cdk-nag's AwsSolutions
 * pack as a validation plugin, then print what was written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addReferenceStacks } from './app';

const outdir = path.resolve(process.env.CDK_OUTDIR ?? 'cdk.out');
const app = new App({ outdir });
addReferenceStacks(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const assembly = app.synth();

for (const stack of assembly.stacks) {
  const template = stack.template as { Resources?: Record<string, { Type: string }>; Outputs?: Record<string, unknown> };
  const resources = Object.values(template.Resources ?? {});
  const byType = new Map<string, number>();
  for (const r of resources) byType.set(r.Type, (byType.get(r.Type) ?? 0) + 1);
  const templatePath = path.join(outdir, stack.templateFile);
  console.log(`stack ${stack.stackName}: ${resources.length} resources, ${Object.keys(template.Outputs ?? {}).length} outputs, ${fs.statSync(templatePath).size} bytes`);
  for (const [type, count] of [...byType].sort()) console.log(`  ${String(count).padStart(3)}  ${type}`);
  for (const name of Object.keys(template.Outputs ?? {})) console.log(`  output ${name}`);
  console.log(`  template: ${path.relative(process.cwd(), templatePath)}`);
}
console.log('cdk-nag AwsSolutions: no unacknowledged findings');
