/**
 * Candidate: the hand-written plain aws-cdk-lib equivalent of the reference app
 * (apps/plain-reference.ts) with BENCH_DEPARTMENTS departments (default 10).
 */
import { defineAndSynth, departmentNames, envInt } from './common';
import { addPlainReferenceStacks } from '../apps/plain-reference';

const departments = departmentNames(envInt('BENCH_DEPARTMENTS', 10));

defineAndSynth((app) => {
  addPlainReferenceStacks(app, departments);
  return { departments: departments.length };
});
