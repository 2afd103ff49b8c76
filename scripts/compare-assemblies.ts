/**
 * Compares the stacks of two cloud assemblies (two `cdk.out` directories), normalized with
 * template-normalizer.ts. Usage:
 *
 *   ts-node scripts/compare-assemblies.ts <expected cdk.out> <actual cdk.out> [expected label] [actual label]
 *
 * Exits 0 when every stack (and nested stack) template is equal, 1 with a diff otherwise, and
 * 2 on bad input (a missing manifest, or an assembly without any resources: equal empty
 * assemblies would prove nothing).
 */
import * as fs from 'fs';
import * as path from 'path';
import { diffJson, formatDifferences, Json, normalizeTemplate } from './template-normalizer';

interface ManifestArtifact {
  readonly type: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
}

/** Reads every stack template of an assembly, nested assemblies (stages) and nested stacks included, keyed by a stable name. */
export function readAssemblyTemplates(dir: string, prefix = ''): Map<string, Json> {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) throw new Error(`no cloud assembly at ${dir}: ${manifestPath} does not exist`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { artifacts?: Record<string, ManifestArtifact> };
  const templates = new Map<string, Json>();
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      templates.set(`${prefix}${id}`, JSON.parse(fs.readFileSync(path.join(dir, artifact.properties.templateFile), 'utf8')));
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      for (const [key, template] of readAssemblyTemplates(path.join(dir, artifact.properties.directoryName), `${prefix}${id}/`)) {
        templates.set(key, template);
      }
    }
  }
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.nested.template.json')).sort()) {
    templates.set(`${prefix}${file}`, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  return templates;
}

function resourceCount(template: Json): number {
  const resources = (template as { Resources?: Record<string, unknown> }).Resources;
  return Object.keys(resources ?? {}).length;
}

/** Compares two assemblies and returns the report and whether they are equal. */
export function compareAssemblies(
  expectedDir: string,
  actualDir: string,
  expectedLabel: string,
  actualLabel: string,
): { equal: boolean; report: string } {
  const expected = readAssemblyTemplates(expectedDir);
  const actual = readAssemblyTemplates(actualDir);
  const lines: string[] = [];
  let equal = true;

  for (const name of [...new Set([...expected.keys(), ...actual.keys()])].sort()) {
    const e = expected.get(name);
    const a = actual.get(name);
    if (e === undefined || a === undefined) {
      equal = false;
      lines.push(`stack ${name}: only in ${e === undefined ? actualLabel : expectedLabel}`);
      continue;
    }
    const differences = diffJson(normalizeTemplate(e), normalizeTemplate(a));
    if (differences.length === 0) {
      lines.push(`stack ${name}: equal (${resourceCount(normalizeTemplate(e))} resources)`);
    } else {
      equal = false;
      lines.push(`stack ${name}: ${differences.length} differences`, formatDifferences(differences, `${expectedLabel} ${name}`, `${actualLabel} ${name}`));
    }
  }
  return { equal, report: lines.join('\n') };
}

function main(argv: string[]): number {
  const [expectedDir, actualDir, expectedLabel = expectedDir, actualLabel = actualDir] = argv;
  if (!expectedDir || !actualDir) {
    console.error('usage: compare-assemblies.ts <expected cdk.out> <actual cdk.out> [expected label] [actual label]');
    return 2;
  }
  for (const [dir, label] of [[expectedDir, expectedLabel], [actualDir, actualLabel]]) {
    const templates = readAssemblyTemplates(dir);
    let total = 0;
    for (const template of templates.values()) total += resourceCount(normalizeTemplate(template));
    if (total === 0) {
      console.error(`the ${label} assembly in ${dir} has no resources (${templates.size} stacks): nothing to compare`);
      return 2;
    }
  }
  const { equal, report } = compareAssemblies(expectedDir, actualDir, expectedLabel, actualLabel);
  console.log(report);
  console.log(equal ? `${actualLabel} templates equal ${expectedLabel} templates` : `MISMATCH: ${actualLabel} templates differ from ${expectedLabel} templates`);
  return equal ? 0 : 1;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
  }
}
