/**
 * Diagnostic (not timed as a candidate): loads aws-cdk-lib, then the compiled library, and
 * records the inclusive time of every bare module the library's files require (aws-cdk-lib
 * submodules, cdk-nag, ...). What is left is the cost of the library's own code.
 */
import 'aws-cdk-lib';
import { report, sinceStart } from './report';

interface ModuleLoader {
  _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loader = require('module') as ModuleLoader;
const libDir = process.env.BENCH_LIB_DIR ?? '';
const original = loader._load;
const costs: { [request: string]: number } = {};
loader._load = function load(this: unknown, request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown {
  if (libDir === '' || !parent?.filename?.startsWith(libDir) || request.startsWith('.')) {
    return original.call(this, request, parent, isMain);
  }
  const start = performance.now();
  try {
    return original.call(this, request, parent, isMain);
  } finally {
    costs[request] = (costs[request] ?? 0) + performance.now() - start;
  }
};

const before = sinceStart();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../src');
const libraryRequireMs = sinceStart() - before;
const notes: { [key: string]: number } = { libraryRequireMs: Math.round(libraryRequireMs * 10) / 10 };
let dependencies = 0;
for (const [request, ms] of Object.entries(costs)) {
  dependencies += ms;
  notes[`require ${request}`] = Math.round(ms * 10) / 10;
}
notes.ownCodeMs = Math.round((libraryRequireMs - dependencies) * 10) / 10;
report({ loadedMs: sinceStart(), notes });
