/**
 * Candidate: `@aws-amplify/auth-construct`'s AmplifyAuth with email sign-in and 3 groups (it
 * defines the user pool, client, identity pool, authenticated and guest roles, and a role per
 * group with token-based mapping).
 *
 * Loaded with require and a local type, so the root type-check does not need bench/'s install.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { defineAndSynth, departmentNames } from './common';

interface AmplifyAuthModule {
  readonly AmplifyAuth: new (scope: Construct, id: string, props: { loginWith: { email: boolean }; groups?: string[] }) => Construct;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const amplify = require('@aws-amplify/auth-construct') as AmplifyAuthModule;
const groups = departmentNames(3);

/** Whether Amplify resolves the very aws-cdk-lib (and constructs) this process uses. */
function sameCopy(pkg: string): boolean {
  const amplifyDir = path.dirname(require.resolve('@aws-amplify/auth-construct'));
  return fs.realpathSync(require.resolve(pkg, { paths: [amplifyDir] })) === fs.realpathSync(require.resolve(pkg));
}

defineAndSynth((app) => {
  const stack = new Stack(app, 'AuthAmplify');
  new amplify.AmplifyAuth(stack, 'Auth', { loginWith: { email: true }, groups });
  return { sameAwsCdkLib: sameCopy('aws-cdk-lib'), sameConstructs: sameCopy('constructs') };
});
