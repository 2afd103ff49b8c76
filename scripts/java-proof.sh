#!/usr/bin/env bash
# Java proof (issue 7): examples/java, a tiny Maven app, compiles against the Maven artifact in
# dist/java and synthesizes one CognitoUserPoolAuth; its template must contain the user pool,
# and equal the template of the same stack written in TypeScript (scripts/synth-java-mirror.ts).
# Exit 0 when it does, 1 when it does not, 2 when the inputs are missing.
#
# Needs: npx projen compile && npx projen package:java (with a jar: see package-target.sh).
# Environment:
#   JAVA_PROOF_OUTDIR  work directory (default .ci-out/java-proof; emptied first)
#   JAVA_PROOF_COLD    1: use an empty Maven repository (measures a cold ~/.m2)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out="${JAVA_PROOF_OUTDIR:-$root/.ci-out/java-proof}"
started=$SECONDS
phase() { echo "[proof:java $((SECONDS - started))s] $*"; }

jar=$(find dist/java -name 'cdk-cognito-access-*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  echo "error: no cdk-cognito-access jar in dist/java; run 'npx projen compile && npx projen package:java' (if it printed 'skipping the java build', Maven Central lacks a dependency and no jar can be built here)" >&2
  exit 2
fi
cca_version=$(basename "$(dirname "$jar")")
version_of() { node -p "require('./package.json').devDependencies['$1'].replace(/^[\\^~]/, '')"; }

rm -rf "$out"
mkdir -p "$out"
maven_repo="${HOME}/.m2/repository"
if [ "${JAVA_PROOF_COLD:-}" = "1" ]; then maven_repo="$out/m2"; fi

phase "building examples/java against $jar (Maven repository $maven_repo)"
CDK_OUTDIR="$out/java" mvn -B -q -f examples/java/pom.xml \
  -Dmaven.repo.local="$maven_repo" \
  -Dcca.repo="file://$root/dist/java" -Dcca.version="$cca_version" \
  -Dcdk.version="$(version_of aws-cdk-lib)" -Dconstructs.version="$(version_of constructs)" \
  compile exec:java

phase "checking the Java template"
node -e '
  const t = require(process.argv[1]);
  const types = Object.values(t.Resources ?? {}).map((r) => r.Type);
  const count = (type) => types.filter((x) => x === type).length;
  const groups = Object.values(t.Resources).filter((r) => r.Type === "AWS::Cognito::UserPoolGroup").map((r) => r.Properties.GroupName);
  const problems = [];
  if (count("AWS::Cognito::UserPool") !== 1) problems.push(`expected 1 AWS::Cognito::UserPool, found ${count("AWS::Cognito::UserPool")}`);
  if (count("AWS::Cognito::UserPoolClient") < 1) problems.push("expected an AWS::Cognito::UserPoolClient");
  if (groups.join() !== "finance") problems.push(`expected the group finance, found ${JSON.stringify(groups)}`);
  if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
  console.log(`Java template: ${types.length} resources, user pool, client and group finance present`);
' "$out/java/CognitoAccessJava.template.json"

phase "comparing with the same stack in TypeScript"
CDK_OUTDIR="$out/ts" npx ts-node --transpile-only --project tsconfig.dev.json scripts/synth-java-mirror.ts
status=0
npx ts-node --transpile-only --project tsconfig.dev.json scripts/compare-assemblies.ts "$out/ts" "$out/java" TypeScript Java || status=$?
phase "done"
exit $status
