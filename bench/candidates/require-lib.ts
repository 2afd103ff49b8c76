/**
 * Candidate: `require('aws-cdk-lib')` then the compiled library (lib/index.js, what users
 * load). Also times the library's require in-process, after aws-cdk-lib is loaded.
 */
import 'aws-cdk-lib';
import { report, sinceStart } from './report';

const before = sinceStart();
// The harness points ../../src at the compiled lib/ (see harness/build.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require('../../src') as object;
const after = sinceStart();
report({ loadedMs: after, notes: { libraryRequireMs: Math.round((after - before) * 100) / 100, exports: Object.keys(lib).length } });
