#!/usr/bin/env bash
# Runs after package:js. The npm tarball is also bundled inside every other language's package
# (wheel, jar, Go module, nupkg), so it must hold only what users need: lib/, the .jsii assembly
# (and its rosetta tablet of translated examples), the cfn-guard rules and the package metadata.
# Anything else at the top (a work directory such as .ci-out/ with a virtual environment, docs,
# dev config) fails the build, as does a tarball over the size budget.
#   PACKAGE_MAX_TARBALL_KB  size budget (default 2048)
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
tarballs=(dist/js/*.tgz)
if [ ${#tarballs[@]} -ne 1 ]; then
  echo "error: expected one tarball in dist/js, found ${#tarballs[@]}" >&2
  exit 1
fi
tarball=${tarballs[0]}
# rules/guard/: the project's cfn-guard rules, shipped for users' CfnGuardValidator (docs/SECURITY-PROOF.md).
allowed='^package/(\.jsii|\.jsii\.tabl\.json|package\.json|README\.md|LICENSE|NOTICE|API\.md|CHANGELOG\.md|lib/.*|rules/(guard/([^/]+\.guard)?)?)$'
unexpected=$(tar tzf "$tarball" | grep -Ev "$allowed" | cut -d/ -f1-2 | sort -u || true)
if [ -n "$unexpected" ]; then
  echo "error: $tarball contains files users do not need (exclude them in projenrc/packaging.ts, npmignore):" >&2
  echo "$unexpected" | sed 's/^/  /' >&2
  exit 1
fi
size_kb=$(( $(stat -c %s "$tarball") / 1024 ))
budget_kb=${PACKAGE_MAX_TARBALL_KB:-2048}
if [ "$size_kb" -gt "$budget_kb" ]; then
  echo "error: $tarball is $size_kb KB, over the budget of $budget_kb KB (PACKAGE_MAX_TARBALL_KB)" >&2
  exit 1
fi
echo "$tarball: $size_kb KB, only lib/, .jsii, rules/guard/ and package metadata"
