/**
 * Writes the template of every proof fixture (each construct's default and fully configured
 * stack) and of the reference app into one directory, for cfn-lint and checkov
 * (scripts/lint-templates.sh). Usage: ts-node scripts/synth-fixtures.ts <outdir>
 */
import * as fs from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildFixtures } from '../test/proof/fixtures';

const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: ts-node scripts/synth-fixtures.ts <outdir>');
  process.exit(2);
}
fs.rmSync(outdir, { recursive: true, force: true });
fs.mkdirSync(outdir, { recursive: true });
for (const fixture of buildFixtures()) {
  const file = path.join(outdir, `${fixture.name}.template.json`);
  fs.writeFileSync(file, JSON.stringify(Template.fromStack(fixture.stack).toJSON(), undefined, 1));
  console.log(path.relative(process.cwd(), file));
}
