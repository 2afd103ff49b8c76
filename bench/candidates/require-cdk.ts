/** Candidate (floor): `require('aws-cdk-lib')`, the package root every CDK app loads. */
import * as cdk from 'aws-cdk-lib';
import { report, sinceStart } from './report';

report({ loadedMs: sinceStart(), notes: { exports: Object.keys(cdk).length } });
