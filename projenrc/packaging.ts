import { awscdk } from 'projen';

/**
 * Packaging and cross-language proofs (issue 7).
 *
 * - `package:java`, `package:go`, `package:dotnet` run scripts/package-target.sh: when this
 *   machine cannot build a target (no .NET SDK, a dependency missing from Maven Central or the
 *   Go proxy), it prints why and generates what it can, so `npx projen package-all` completes;
 *   on GitHub Actions it fails instead, since a release must not publish a degraded artifact.
 * - `package:js` ends with scripts/check-npm-tarball.sh: the tarball holds only lib/, .jsii and
 *   package metadata, under a size budget.
 * - `package:measure` runs every packaging target, timing each one and sizing its artifacts.
 * - `proof:python` installs the built wheel in a fresh venv and checks that the Python reference
 *   app synthesizes the same templates as the TypeScript one.
 * - `proof:java` compiles a tiny Maven app against the built Maven artifact and synthesizes it.
 *
 * The release workflow (npm, PyPI, Maven, NuGet, Go jobs) comes from the `publishTo*` options in
 * `.projenrc.ts`; docs/PUBLISHING.md describes its secrets.
 */
export function configurePackaging(project: awscdk.AwsCdkConstructLibrary): void {
  // package-all on a machine without the .NET SDK, or whose registries lag npm, still builds what
  // it can and says what it skipped; on GitHub Actions it stays strict (see the script).
  for (const target of ['java', 'go', 'dotnet']) {
    const task = project.tasks.tryFind(`package:${target}`);
    if (!task) {
      throw new Error(`configurePackaging: no package:${target} task; call it after the publishTo* options are set`);
    }
    task.reset(`bash scripts/package-target.sh ${target}`);
  }

  project.addTask('package:measure', {
    description: 'Run every packaging target from a compiled library, timing each one and sizing its artifacts (writes .ci-out/packaging/measurements.md)',
    exec: 'bash scripts/measure-packaging.sh',
  });

  project.addTask('proof:python', {
    description: 'Install dist/python/*.whl in a fresh venv with aws-cdk-lib from PyPI, synthesize examples/python/app.py and compare its templates with examples/app.ts',
    exec: 'bash scripts/python-proof.sh',
  });

  project.addTask('proof:java', {
    description: 'Compile examples/java against the Maven artifact in dist/java, synthesize it and check the template (set JAVA_PROOF_COLD=1 for an empty Maven cache)',
    exec: 'bash scripts/java-proof.sh',
  });

  // Build outputs of the examples, and the scripts themselves, never belong in git or the npm tarball.
  project.gitignore.addPatterns(
    '/examples/java/target/',
    '/examples/python/cdk.out/',
    '__pycache__/',
    '*.pyc',
  );
  // The npm tarball is bundled into every other language's package: only lib/, .jsii and metadata.
  // .ci-out/ holds the proofs' virtual environment (120 MB); cdk.json, rosetta/ and docs/ are for
  // contributors. check-npm-tarball.sh fails package:js if anything else slips in.
  project.npmignore?.exclude('/scripts/', '/.ci-out/', '/cdk.json', '/rosetta/', '/docs/');
  project.tasks.tryFind('package:js')?.exec('bash scripts/check-npm-tarball.sh');
  project.eslint?.addLintPattern('scripts');
}
