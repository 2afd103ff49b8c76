/**
 * The reference app: the constructs of cdk-cognito-access wired the way the seeds describe.
 *
 * `npx projen example` synthesizes it with cdk-nag (see synth.ts); `npx cdk synth` and
 * `npx cdk deploy` use it through cdk.json.
 */
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CognitoUserPoolAuth } from '../src';

/** The departments of the reference app; each is a user-pool group. */
export const DEPARTMENTS = ['finance', 'hr', 'engineering'];

export class ReferenceStack extends Stack {
  public readonly auth: CognitoUserPoolAuth;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.auth = new CognitoUserPoolAuth(this, 'Auth', {
      groups: DEPARTMENTS.map((name) => ({ name, description: `The ${name} department` })),
    });
  }
}

/** Adds the reference stacks to an app. */
export function addReferenceStacks(app: App): Stack[] {
  return [new ReferenceStack(app, 'CognitoAccessReference')];
}

if (require.main === module) {
  const app = new App();
  addReferenceStacks(app);
  app.synth();
}
