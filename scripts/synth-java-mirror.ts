/**
 * The stack of examples/java (UserPoolApp.java) in TypeScript, synthesized into CDK_OUTDIR: the
 * expected side of the Java proof. Keep it in step with the Java app.
 */
import { App, Stack } from 'aws-cdk-lib';
import { CognitoUserPoolAuth } from '../src';

if (!process.env.CDK_OUTDIR) {
  console.error('set CDK_OUTDIR to the directory to synthesize into');
  process.exit(2);
}
const app = new App();
const stack = new Stack(app, 'CognitoAccessJava');
new CognitoUserPoolAuth(stack, 'Auth', {
  groups: [{ name: 'finance', description: 'The finance department' }],
});
app.synth();
