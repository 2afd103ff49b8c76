/**
 * Candidate: this library's user pool + identity pool with 3 groups, each with its own role
 * (token-based mapping), the setup `auth-amplify` and `auth-plain` define too.
 */
import { Stack } from 'aws-cdk-lib';
import { defineAndSynth, departmentNames } from './common';
import { CognitoUserPoolAuth, FederatedIdentityPool } from '../../src';

const groups = departmentNames(3);

defineAndSynth((app) => {
  const stack = new Stack(app, 'AuthLib');
  const auth = new CognitoUserPoolAuth(stack, 'Auth', { groups: groups.map((name) => ({ name })) });
  new FederatedIdentityPool(stack, 'Identities', { userPoolAuth: auth, groupRoles: groups });
});
