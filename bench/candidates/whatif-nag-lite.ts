/**
 * What-if preload (`node -r`): when a file of the compiled library requires 'cdk-nag', give it
 * cdk-nag-lite.js instead. Measures what the library would cost if its rule pack imported
 * `cdk-nag/lib/nag-pack` and `cdk-nag/lib/nag-rules` rather than the package root.
 */
import * as path from 'path';

interface Resolver {
  _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const resolver = require('module') as Resolver;
const original = resolver._resolveFilename;
const lite = path.join(__dirname, 'cdk-nag-lite.js');
const libDir = process.env.BENCH_LIB_DIR ?? '';
resolver._resolveFilename = function resolve(this: unknown, request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string {
  if (request === 'cdk-nag' && libDir !== '' && parent?.filename?.startsWith(libDir)) return lite;
  return original.call(this, request, parent, ...rest);
};
