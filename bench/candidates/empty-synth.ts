/** Candidate (floor): an empty App + Stack, synthesized. */
import { Stack } from 'aws-cdk-lib';
import { defineAndSynth } from './common';

defineAndSynth((app) => {
  new Stack(app, 'Empty');
});
