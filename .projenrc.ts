import { awscdk, javascript } from 'projen';
import { configurePackaging } from './projenrc/packaging';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-cognito-access',
  description:
    'Cognito done right: user pools, identity pools, guest and group roles, ABAC, an IAM-authorized API and per-department S3 access, secure by default and proven by IAM simulation.',
  author: 'cdk-cognito-access developers',
  authorAddress: 'dev@cdk-cognito-access.invalid',
  repositoryUrl: 'https://github.com/cdk-cognito-access/cdk-cognito-access.git',
  license: 'Apache-2.0',
  keywords: ['cdk', 'aws-cdk', 'cognito', 'identity-pool', 'user-pool', 'iam', 'abac', 'api-gateway', 's3'],
  stability: 'experimental',

  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: { include: ['.projenrc.ts'] },
  sampleCode: false,

  // The newest aws-cdk-lib 2.x; it ships the built-in CloudFormation validation (>= 2.262).
  cdkVersion: '2.276.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  // Source maps in lib/*.js.map (sources inlined) rather than in every .js: loading the four
  // constructs reads ~600 KB less and takes ~2 ms less (issue 9); stack traces map the same.
  tsconfig: { compilerOptions: { inlineSourceMap: false, sourceMap: true } },

  // cdk-nag is needed only by the CognitoAccessChecks rule pack; the constructs never import it.
  peerDeps: ['cdk-nag@^3.0.2'],
  devDeps: [
    // AGPL-3.0: a test-time tool only, never shipped.
    '@cloud-copilot/iam-simulate@^0.1.173',
    // The CDK CLI, for `npx cdk synth` / `cdk deploy` of the reference app.
    'aws-cdk@^3.0.0',
    // The reference client flow (examples/client/), tested against moto on 127.0.0.1.
    '@aws-sdk/client-cognito-identity-provider@^3',
    '@aws-sdk/client-cognito-identity@^3',
    '@aws-sdk/client-s3@^3',
    '@smithy/signature-v4@^5',
    '@smithy/protocol-http@^5',
    '@aws-crypto/sha256-js@^5',
    // cfn-guard with the AWS Control Tower proactive rules, as a validation plugin (offline).
    '@cdklabs/cdk-validator-cfnguard@^0.0.62',
  ],

  // jsii targets: the same constructs in Python, Java, .NET and Go.
  publishToPypi: {
    distName: 'cdk-cognito-access',
    module: 'cdk_cognito_access',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdkcognitoaccess',
    mavenGroupId: 'io.github.cdk-cognito-access',
    mavenArtifactId: 'cdk-cognito-access',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkCognitoAccess',
    packageId: 'CdkCognitoAccess',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-cognito-access/cdk-cognito-access-go',
  },

  docgen: true,
  eslint: true,
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'projenrc'],
    // One type-aware project for sources, tests and examples (tsconfig.json covers src/ only).
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
  },
  jest: true,
  jestOptions: {
    // Snapshots change only on purpose: `npx projen test:update`, then review the diff.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    coverageText: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // ts-jest without type checking per file: jsii and eslint type-check the sources.
      transform: {
        '^.+\\.[t]sx?$': new javascript.Transform('ts-jest', {
          tsconfig: 'tsconfig.dev.json',
          isolatedModules: true,
        }),
      },
      testTimeout: 60_000,
      // jest's default leaves one core idle: on a 2-core machine that is half the machine.
      maxWorkers: '100%',
      collectCoverageFrom: ['src/**/*.ts'],
      // One summary block; the full per-file table goes to coverage/ (lcov).
      coverageReporters: ['text-summary', 'lcov', 'json-summary'],
    },
  },

  gitignore: ['cdk.out/', '/.ci-out/', '.jsii.tabl.json'],
  npmignoreEnabled: true,
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/bench/', '/.ci/', 'cdk.out/', '/.nvmrc'] },
});

// README examples must compile in every jsii language: extract them with rosetta, strictly.
project.postCompileTask.prependExec('jsii-rosetta extract --strict');
// Module load (issue 9): right after jsii, lib/index.js becomes a lazy index, each file loading on
// first use of its exports. In the compile task, so that `compile && package-*` ships it too.
project.compileTask.exec('ts-node --project tsconfig.dev.json scripts/lazy-index.ts');

// The README's main job: synthesize the reference app with cdk-nag and print a summary.
project.addTask('example', {
  description: 'Synthesize the reference app in examples/ into cdk.out/ (cdk-nag AwsSolutions as a validation plugin) and print a summary',
  exec: 'ts-node --project tsconfig.dev.json examples/synth.ts',
});

// The API reference in Python too: its examples are translated from the rosetta-compiled TypeScript.
project.tasks.tryFind('docgen')!.exec('jsii-docgen -l python -o docs/API.python.md');

// Tests end with jest's summary: lint first, then jest.
project.testTask.reset();
project.testTask.spawn(project.eslint!.eslintTask);
project.testTask.exec('jest --passWithNoTests --ci', { receiveArgs: true });

// Packaging for every jsii target and the cross-language proofs (docs/PUBLISHING.md).
configurePackaging(project);

// The benchmark (issue 9): its own dependencies in bench/ (Amplify for comparison), results in bench/REPORT.md.
const bench = project.addTask('bench', {
  description: 'Benchmark synth cost against plain aws-cdk-lib and Amplify; writes bench/results.json and bench/REPORT.md (BENCH_QUICK=1 for a quick run)',
});
bench.exec('npm ci --prefix bench --no-audit --no-fund');
bench.exec('ts-node --project tsconfig.dev.json bench/run.ts');

project.synth();
