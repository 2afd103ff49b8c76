/**
 * What-if preload (`node -r`): answers some of the compiled library's imports with lighter
 * modules, to measure what a change in the library would save before anyone makes it.
 * BENCH_WHATIF is a comma list of:
 * - `nag`: 'cdk-nag' -> cdk-nag-lite.js (NagPack and the rule enums from cdk-nag's own modules,
 *   instead of its index, which loads every rule pack and dozens of aws-cdk-lib modules);
 * - `issuer`: 'aws-cdk-lib/region-info' -> region-info-lite.js (the identity-pool issuer name
 *   without loading aws-cdk-lib's region fact table).
 */
import * as path from 'path';

interface Resolver {
  _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string;
}

const replacements: { [name: string]: [string, string] } = {
  nag: ['cdk-nag', 'cdk-nag-lite.js'],
  issuer: ['aws-cdk-lib/region-info', 'region-info-lite.js'],
};
const active = new Map<string, string>();
for (const name of (process.env.BENCH_WHATIF ?? '').split(',').filter((n) => n !== '')) {
  const replacement = replacements[name];
  if (!replacement) throw new Error(`BENCH_WHATIF entries must be one of ${Object.keys(replacements).join(', ')}, got '${name}'`);
  active.set(replacement[0], path.join(__dirname, replacement[1]));
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const resolver = require('module') as Resolver;
const original = resolver._resolveFilename;
const libDir = process.env.BENCH_LIB_DIR ?? '';
resolver._resolveFilename = function resolve(this: unknown, request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string {
  const lite = active.get(request);
  if (lite !== undefined && libDir !== '' && parent?.filename?.startsWith(libDir)) return lite;
  return original.call(this, request, parent, ...rest);
};
