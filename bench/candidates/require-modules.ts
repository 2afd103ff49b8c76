/**
 * Candidate: `require('aws-cdk-lib')` plus the modules this library itself requires
 * (`BENCH_MODULES`, found by the harness in lib/), without the library's own code. The
 * difference between this and `require-lib` is the cost of the library's code alone.
 */
import 'aws-cdk-lib';
import { report, sinceStart } from './report';

const modules = (process.env.BENCH_MODULES ?? '').split(',').filter((m) => m.length > 0);
const before = sinceStart();
for (const m of modules) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(m);
}
report({ loadedMs: sinceStart(), notes: { modules: modules.join(' '), modulesMs: Math.round((sinceStart() - before) * 100) / 100 } });
