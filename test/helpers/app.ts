import { App, Stack } from 'aws-cdk-lib';

/**
 * A fresh app and stack for one test. aws-cdk-lib's built-in CloudFormation validation is off
 * (it costs ~3 s and ~300 MB per synth); the tests named `*.validation.test.ts` keep it on.
 */
export function newTestStack(id = 'TestStack'): Stack {
  const app = new App({ builtinCloudFormationValidation: false });
  return new Stack(app, id);
}
