/**
 * Normalizes synthesized CloudFormation templates so that two jsii languages can be compared:
 * what differs only because of the host language (analytics, construct paths, asset hashes,
 * the bootstrap version check) is removed; everything else (resources, properties, policies,
 * outputs, conditions, mappings) is kept as is.
 */

/** A JSON value as read from a template. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Asset hashes are sha256 hex strings; they are the same in every language today, but need not be. */
const ASSET_HASH = /[0-9a-f]{64}/g;

/** Metadata keys written by the CDK itself (construct paths, asset locations), not by a construct author. */
const CDK_METADATA_KEY = /^aws:(cdk|asset):/;

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function replaceHashes(value: Json): Json {
  if (typeof value === 'string') return value.replace(ASSET_HASH, '<asset-hash>');
  if (Array.isArray(value)) return value.map(replaceHashes);
  if (isObject(value)) {
    const out: { [key: string]: Json } = {};
    for (const [key, child] of Object.entries(value)) out[key.replace(ASSET_HASH, '<asset-hash>')] = replaceHashes(child);
    return out;
  }
  return value;
}

/** Drops CDK-written metadata keys, keeping others (e.g. cdk-nag or cfn_nag acknowledgements). */
function stripCdkMetadata(metadata: Json | undefined): Json | undefined {
  if (!isObject(metadata)) return metadata;
  const kept = Object.entries(metadata).filter(([key]) => !CDK_METADATA_KEY.test(key));
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

function deleteIfEmpty(template: { [key: string]: Json }, section: string): void {
  const value = template[section];
  if (isObject(value) && Object.keys(value).length === 0) delete template[section];
}

/**
 * Returns a copy of a template without host-language noise.
 *
 * Removed: the `AWS::CDK::Metadata` resource and its `CDKMetadataAvailable` condition, the
 * `BootstrapVersion` parameter and `CheckBootstrapVersion` rule, `aws:cdk:*` / `aws:asset:*`
 * metadata keys (resource and template level); asset hashes become `<asset-hash>`.
 */
export function normalizeTemplate(template: Json): Json {
  if (!isObject(template)) throw new Error(`a template must be a JSON object, got ${JSON.stringify(template)?.slice(0, 80)}`);
  const copy = JSON.parse(JSON.stringify(template)) as { [key: string]: Json };

  const resources = copy.Resources;
  if (isObject(resources)) {
    for (const [id, resource] of Object.entries(resources)) {
      if (!isObject(resource)) continue;
      if (resource.Type === 'AWS::CDK::Metadata') {
        delete resources[id];
        continue;
      }
      const metadata = stripCdkMetadata(resource.Metadata);
      if (metadata === undefined) delete resource.Metadata;
      else resource.Metadata = metadata;
    }
  }
  if (isObject(copy.Conditions)) delete copy.Conditions.CDKMetadataAvailable;
  if (isObject(copy.Parameters)) delete copy.Parameters.BootstrapVersion;
  if (isObject(copy.Rules)) delete copy.Rules.CheckBootstrapVersion;
  const metadata = stripCdkMetadata(copy.Metadata);
  if (metadata === undefined) delete copy.Metadata;
  else copy.Metadata = metadata;
  for (const section of ['Conditions', 'Parameters', 'Rules', 'Resources', 'Outputs', 'Mappings']) deleteIfEmpty(copy, section);

  return replaceHashes(copy);
}

/** One difference between an expected and an actual JSON document. */
export interface JsonDifference {
  /** Where, as a dotted path from the root (`Resources.Pool.Properties.Policies`). */
  readonly path: string;
  /** The expected value, or undefined when the actual document has an extra key. */
  readonly expected?: Json;
  /** The actual value, or undefined when the actual document lacks a key. */
  readonly actual?: Json;
}

function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Lists every place where `actual` differs from `expected` (deep, order-sensitive for arrays). */
export function diffJson(expected: Json | undefined, actual: Json | undefined, path = ''): JsonDifference[] {
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((key) => diffJson(expected[key], actual[key], pathOf(path, key)));
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [{ path, expected, actual }];
    return expected.flatMap((item, i) => diffJson(item, actual[i], pathOf(path, i)));
  }
  if (JSON.stringify(expected) === JSON.stringify(actual)) return [];
  return [{ path: path === '' ? '(root)' : path, expected, actual }];
}

function show(value: Json | undefined): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}... (${text.length} chars)` : text;
}

/** Formats differences for a terminal, one `path` line with `- expected` / `+ actual` lines below. */
export function formatDifferences(differences: JsonDifference[], expectedLabel: string, actualLabel: string, limit = 50): string {
  const lines = [`--- ${expectedLabel}`, `+++ ${actualLabel}`];
  for (const d of differences.slice(0, limit)) {
    lines.push(`@ ${d.path}`, `- ${show(d.expected)}`, `+ ${show(d.actual)}`);
  }
  if (differences.length > limit) lines.push(`... and ${differences.length - limit} more differences`);
  return lines.join('\n');
}
