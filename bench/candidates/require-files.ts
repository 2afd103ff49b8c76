/**
 * Candidate: `require('aws-cdk-lib')`, then exactly the files outside lib/ that loading the
 * library loads (listed by trace-requires in BENCH_FILES, optionally only those matching
 * BENCH_FILES_MATCH), without any of the library's own code. The difference between this and
 * `require-lib` is what the library's code (and anything excluded) costs.
 */
import * as fs from 'fs';
import 'aws-cdk-lib';
import { report, sinceStart } from './report';

const match = new RegExp(process.env.BENCH_FILES_MATCH ?? '.');
const files = (JSON.parse(fs.readFileSync(process.env.BENCH_FILES ?? '', 'utf8')) as string[]).filter((f) => match.test(f));
const before = sinceStart();
for (const file of files) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(file);
}
report({ loadedMs: sinceStart(), notes: { files: files.length, filesMs: Math.round((sinceStart() - before) * 100) / 100 } });
