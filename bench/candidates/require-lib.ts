/**
 * Candidate: `require('aws-cdk-lib')` then the compiled library (lib/index.js, what users
 * load: the lazy index), then first access to the exports named in BENCH_TOUCH (comma list),
 * which loads their files. Also times the library's part in-process, after aws-cdk-lib is loaded.
 */
import 'aws-cdk-lib';
import { report, sinceStart } from './report';

const touch = (process.env.BENCH_TOUCH ?? '').split(',').filter((n) => n !== '');
const before = sinceStart();
// The harness points ../../src at the compiled lib/ (see harness/build.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require('../../src') as { [name: string]: unknown };
const required = sinceStart();
for (const name of touch) {
  if (lib[name] === undefined) throw new Error(`lib/index.js has no export '${name}'`);
}
const after = sinceStart();
report({
  loadedMs: after,
  notes: {
    libraryRequireMs: Math.round((required - before) * 100) / 100,
    libraryMs: Math.round((after - before) * 100) / 100,
    touched: touch.join(' '),
    exports: Object.keys(lib).length,
  },
});
