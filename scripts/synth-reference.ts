/**
 * Synthesizes the TypeScript reference app (examples/app.ts) the way its own entry point does,
 * into the directory named by CDK_OUTDIR (as `cdk synth` would): the expected side of the
 * Python proof.
 */
import { App } from 'aws-cdk-lib';
import { addReferenceStacks } from '../examples/app';

if (!process.env.CDK_OUTDIR) {
  console.error('set CDK_OUTDIR to the directory to synthesize into');
  process.exit(2);
}
const app = new App();
addReferenceStacks(app);
app.synth();
