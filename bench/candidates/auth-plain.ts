/**
 * Candidate: the same user pool + identity pool with 3 group roles, written with plain
 * aws-cdk-lib (apps/plain-auth.ts).
 */
import { Stack } from 'aws-cdk-lib';
import { defineAndSynth, departmentNames } from './common';
import { PlainAuth } from '../apps/plain-auth';

const groups = departmentNames(3);

defineAndSynth((app) => {
  const stack = new Stack(app, 'AuthPlain');
  new PlainAuth(stack, 'Auth', { groups, identityPool: true });
});
