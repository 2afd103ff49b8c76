#!/usr/bin/env bash
# Python proof (issue 7): the wheel in dist/python, installed in a fresh venv with aws-cdk-lib,
# constructs and cdk-nag from PyPI, synthesizes examples/python/app.py into the same templates
# as the TypeScript reference app (examples/app.ts). Exit 0 when equal, 1 with a diff when not,
# 2 when the inputs are missing or stale.
#
# Needs: a compiled library (.jsii) and its wheel (npx projen compile && npx projen package:python).
# Environment:
#   PYTHON_PROOF_OUTDIR  work directory (default .ci-out/python-proof; emptied first)
#   PYTHON               the interpreter for the venv (default python3)
#   PYTHON_PROOF_STRICT  1: fail when PyPI lacks the exact aws-cdk-lib of package.json instead of
#                        falling back to the newest older 2.x release PyPI has (with a warning)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out="${PYTHON_PROOF_OUTDIR:-$root/.ci-out/python-proof}"
python="${PYTHON:-python3}"
started=$SECONDS
phase() { echo "[proof:python $((SECONDS - started))s] $*"; }

shopt -s nullglob
wheels=(dist/python/*.whl)
if [ ${#wheels[@]} -ne 1 ]; then
  echo "error: expected exactly one wheel in dist/python, found ${#wheels[@]}; run 'npx projen compile && npx projen package:python' first" >&2
  exit 2
fi
wheel="$root/${wheels[0]}"

# The wheel must carry this checkout's jsii assembly, or the comparison would test stale code.
if ! "$python" scripts/python-wheel-info.py fingerprint-matches "$wheel" .jsii; then
  echo "error: $wheel was not built from this checkout's .jsii (fingerprints differ); run 'npx projen package:python' again" >&2
  exit 2
fi

version_of() { node -p "require('./package.json').devDependencies['$1'].replace(/^[\\^~]/, '')"; }
cdk_version=$(version_of aws-cdk-lib)
constructs_version=$(version_of constructs)
nag_version=$(version_of cdk-nag)

rm -rf "$out"
mkdir -p "$out"
phase "creating venv in $out/venv ($("$python" --version))"
"$python" -m venv "$out/venv"
pip=("$out/venv/bin/python" -m pip --disable-pip-version-check -q)

phase "installing $(basename "$wheel"), aws-cdk-lib==$cdk_version, constructs==$constructs_version, cdk-nag==$nag_version"
python_cdk_version=$cdk_version
if ! "${pip[@]}" install "$wheel" "aws-cdk-lib==$cdk_version" "constructs==$constructs_version" "cdk-nag==$nag_version" 2>"$out/pip-error.log"; then
  if ! grep -q "No matching distribution found for aws-cdk-lib==$cdk_version" "$out/pip-error.log" || [ "${PYTHON_PROOF_STRICT:-}" = "1" ]; then
    cat "$out/pip-error.log" >&2
    echo "error: could not install the wheel and its dependencies (log: $out/pip-error.log)" >&2
    exit 2
  fi
  # The package index reachable here lags npm. The wheel requires aws-cdk-lib >= the npm
  # version, so install the newest older 2.x by hand and the wheel without its requirements.
  # pip's error lists the versions the index has, oldest first.
  python_cdk_version=$(sed -n 's/.*aws-cdk-lib==[^ ]* (from versions: \(.*\))$/\1/p' "$out/pip-error.log" \
    | tr ',' '\n' | tr -d ' ' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$' \
    | awk -v max="$cdk_version" -F. 'BEGIN { split(max, m, ".") }
        $1 == m[1] && ($2 + 0 < m[2] + 0 || ($2 + 0 == m[2] + 0 && $3 + 0 <= m[3] + 0))' | tail -n 1)
  if [ -z "$python_cdk_version" ]; then
    cat "$out/pip-error.log" >&2
    echo "error: PyPI has no aws-cdk-lib 2.x release <= $cdk_version" >&2
    exit 2
  fi
  echo "WARNING: PyPI has no aws-cdk-lib==$cdk_version (package.json devDependencies); the Python side runs aws-cdk-lib==$python_cdk_version, installed with the wheel's other requirements and the wheel itself with --no-deps. Set PYTHON_PROOF_STRICT=1 to make this an error." >&2
  mapfile -t other_requirements < <("$python" scripts/python-wheel-info.py requirements "$wheel" aws-cdk-lib constructs cdk-nag)
  "${pip[@]}" install "aws-cdk-lib==$python_cdk_version" "constructs==$constructs_version" "cdk-nag==$nag_version" "${other_requirements[@]}"
  "${pip[@]}" install --no-deps "$wheel"
fi
"$out/venv/bin/python" -m pip --disable-pip-version-check list 2>/dev/null \
  | grep -Ei '^(aws-cdk-lib|constructs|cdk-nag|cdk-cognito-access|jsii) ' | sed 's/^/  /'

# Both apps run the way `cdk synth` runs them: a plain App() writing to $CDK_OUTDIR, no context.
clean_env=(env -u CDK_CONTEXT_JSON -u CDK_DEFAULT_ACCOUNT -u CDK_DEFAULT_REGION -u CDK_VALIDATION)
phase "synthesizing examples/app.ts (TypeScript, aws-cdk-lib $cdk_version) into $out/ts"
CDK_OUTDIR="$out/ts" "${clean_env[@]}" npx ts-node --transpile-only --project tsconfig.dev.json scripts/synth-reference.ts
phase "synthesizing examples/python/app.py (Python, aws-cdk-lib $python_cdk_version) into $out/python"
(cd examples/python && CDK_OUTDIR="$out/python" "${clean_env[@]}" "$out/venv/bin/python" app.py)

phase "comparing templates (metadata, CDKMetadata, bootstrap version and asset hashes aside)"
status=0
npx ts-node --transpile-only --project tsconfig.dev.json scripts/compare-assemblies.ts "$out/ts" "$out/python" TypeScript Python || status=$?
phase "done"
exit $status
