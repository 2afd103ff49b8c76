/**
 * What-if candidate: `require('aws-cdk-lib')`, then a lazy index of the library (see
 * harness/build.ts writeLazyIndex) from BENCH_LAZY_INDEX, then first access to the exports
 * named in BENCH_TOUCH (comma list), which loads their files.
 */
import 'aws-cdk-lib';
import { report, sinceStart } from './report';

const touch = (process.env.BENCH_TOUCH ?? '').split(',').filter((n) => n !== '');
const before = sinceStart();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require(process.env.BENCH_LAZY_INDEX ?? '') as { [name: string]: unknown };
for (const name of touch) {
  if (lib[name] === undefined) throw new Error(`the lazy index has no export '${name}'`);
}
report({ loadedMs: sinceStart(), notes: { touched: touch.join(' '), libraryMs: Math.round((sinceStart() - before) * 100) / 100 } });
