/**
 * Candidate: `@aws-amplify/auth-construct`'s AmplifyAuth with email sign-in and 3 groups (it
 * defines the user pool, client, identity pool, authenticated and guest roles, and a role per
 * group with token-based mapping).
 *
 * Loaded with require and a local type, so the root type-check does not need bench/'s install.
 */
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { defineAndSynth, departmentNames } from './common';

interface AmplifyAuthModule {
  readonly AmplifyAuth: new (scope: Construct, id: string, props: { loginWith: { email: boolean }; groups?: string[] }) => Construct;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const amplify = require('@aws-amplify/auth-construct') as AmplifyAuthModule;
const groups = departmentNames(3);

defineAndSynth((app) => {
  const stack = new Stack(app, 'AuthAmplify');
  new amplify.AmplifyAuth(stack, 'Auth', { loginWith: { email: true }, groups });
});
