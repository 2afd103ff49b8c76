/**
 * Diagnostic (one traced run, not a timed candidate): loads aws-cdk-lib, then the compiled
 * library and the exports named in BENCH_TOUCH (comma list; the lazy index loads a file on first
 * access), and splits the library's load time by where the loaded files live: the library's own
 * lib/ files, each aws-cdk-lib submodule (also those loaded lazily when the library first
 * touches a class), cdk-nag, constructs. Self time of each module load, nested loads excluded.
 *
 * With BENCH_TRACE_OUT, also writes the files outside lib/ that loading the library loaded, in
 * order, for the `require-files` candidate.
 */
import * as fs from 'fs';
import 'aws-cdk-lib';
import { report, sinceStart } from './report';

interface ModuleLoader {
  _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
  _resolveFilename(request: string, parent: { filename?: string } | undefined, isMain: boolean): string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loader = require('module') as ModuleLoader;
const libDir = process.env.BENCH_LIB_DIR ?? '';

/** The area a loaded file belongs to. */
function areaOf(file: string): string {
  if (libDir !== '' && file.startsWith(libDir)) return 'cdk-cognito-access (lib/)';
  const cdk = file.match(/node_modules\/aws-cdk-lib\/([^/]+)\//);
  if (cdk) return `aws-cdk-lib/${cdk[1]}`;
  const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (pkg) return pkg[1];
  return file.includes('/') ? file : 'node built-ins';
}

const original = loader._load;
const self: { [area: string]: number } = {};
const nested: number[] = [];
const loaded = new Set<string>();
let tracing = false;
loader._load = function load(this: unknown, request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown {
  if (!tracing) return original.call(this, request, parent, isMain);
  let file = request;
  try {
    file = loader._resolveFilename(request, parent, isMain);
  } catch {
    // Left to _load to report.
  }
  if (file.startsWith('/') && !(libDir !== '' && file.startsWith(libDir))) loaded.add(file);
  const start = performance.now();
  nested.push(0);
  try {
    return original.call(this, request, parent, isMain);
  } finally {
    const total = performance.now() - start;
    const inner = nested.pop()!;
    if (nested.length > 0) nested[nested.length - 1] += total;
    const area = areaOf(file);
    self[area] = (self[area] ?? 0) + total - inner;
  }
};

const touch = (process.env.BENCH_TOUCH ?? '').split(',').filter((n) => n !== '');
const before = sinceStart();
tracing = true;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require('../../src') as { [name: string]: unknown };
for (const name of touch) {
  if (lib[name] === undefined) throw new Error(`lib/index.js has no export '${name}'`);
}
tracing = false;
const libraryRequireMs = sinceStart() - before;
const notes: { [key: string]: number } = { libraryRequireMs: Math.round(libraryRequireMs * 10) / 10 };
for (const [area, ms] of Object.entries(self).sort((a, b) => b[1] - a[1])) notes[`area ${area}`] = Math.round(ms * 10) / 10;
if (process.env.BENCH_TRACE_OUT) fs.writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify([...loaded], undefined, 1));
report({ loadedMs: sinceStart(), notes });
