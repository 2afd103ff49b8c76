/**
 * Candidate: the reference app (examples/app.ts, built on this library) with
 * BENCH_DEPARTMENTS departments (default 10).
 */
import { defineAndSynth, departmentNames, envInt } from './common';
import { addReferenceStacks } from '../../examples/app';

const departments = departmentNames(envInt('BENCH_DEPARTMENTS', 10));

defineAndSynth((app) => {
  addReferenceStacks(app, { departments });
  return { departments: departments.length };
});
