/**
 * Candidate: PerDepartmentBucketAccess with BENCH_N departments in strategy BENCH_STRATEGY
 * (`bucket`: a bucket and a role per department, from user-pool groups; `prefix`: one bucket,
 * the department from the `custom:department` attribute as a principal tag).
 *
 * Past a strategy's limit the library throws; the candidate reports that message and the time
 * it took to get there.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { defineAndSynth, departmentNames, envInt } from './common';
import { CognitoUserPoolAuth, DepartmentIsolation, FederatedIdentityPool, PerDepartmentBucketAccess } from '../../src';

const n = envInt('BENCH_N', 10);
const strategy = process.env.BENCH_STRATEGY ?? 'bucket';
if (strategy !== 'bucket' && strategy !== 'prefix') {
  throw new Error(`BENCH_STRATEGY must be 'bucket' or 'prefix', got '${strategy}'`);
}
const departments = departmentNames(n).map((name) => ({ name }));

defineAndSynth((app) => {
  const stack = new Stack(app, 'Scale');
  const auth = new CognitoUserPoolAuth(stack, 'Auth', {
    customAttributes: { department: new cognito.StringAttribute({ mutable: true }) },
  });
  const identityPool = new FederatedIdentityPool(stack, 'Identities', { userPoolAuth: auth });
  new PerDepartmentBucketAccess(stack, 'Data', strategy === 'bucket'
    ? { identityPool, departments, isolation: DepartmentIsolation.BUCKET_PER_DEPARTMENT }
    : { identityPool, departments, isolation: DepartmentIsolation.PREFIX_PER_DEPARTMENT, departmentAttribute: 'custom:department' });
  return { strategy, departments: n };
});
