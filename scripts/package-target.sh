#!/usr/bin/env bash
# One jsii target of package-all: scripts/package-target.sh <java|go|dotnet>.
#
# Runs jsii-pacmak like projen's default task. Where this machine cannot build a target, it says
# why and does what can be done, instead of failing the whole package-all:
#   dotnet  no .NET SDK installed: skipped (dist/dotnet absent)
#   java    Maven Central lacks a dependency at the required version (e.g. aws-cdk-lib or cdk-nag 3):
#           dist/java gets the generated Maven project (pom.xml + sources), no jar
#   go      the Go module proxy lacks a dependency: dist/go gets the generated module source
#           (what the Go release publishes), without the `go build` check
# On GitHub Actions, or with PACKAGE_STRICT=1, every such case is an error: a release must not
# publish a degraded artifact.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH" # jsii-pacmak, also when run outside projen
target="${1:?usage: package-target.sh <java|go|dotnet>}"
strict=false
if [ "${GITHUB_ACTIONS:-}" = "true" ] || [ "${PACKAGE_STRICT:-}" = "1" ]; then strict=true; fi

degrade() { # $1: what is missing, $2: what is done instead
  if $strict; then
    echo "error: cannot build the $target package: $1" >&2
    exit 1
  fi
  echo "skipping the $target build: $1; $2"
}

case "$target" in
  dotnet)
    if ! command -v dotnet >/dev/null 2>&1; then
      degrade "the .NET SDK is not installed ('command -v dotnet' found nothing; install the .NET 6+ SDK)" "dist/dotnet is not created"
      exit 0
    fi
    patterns=() ;; # never degrade once the SDK is there
  # The most telling message first: it names the missing dependency and version.
  java) patterns=('No versions available for [^ ]+ within specified range' 'Could not find artifact [^ ]+' 'Could not resolve dependencies for project [^ ]+') ;;
  go) patterns=('[^ ]+@v[^ :]+: reading https://[^ ]+: [0-9]+ [A-Za-z ]+' 'go mod tidy[^)]*\) failed') ;;
  *) echo "usage: package-target.sh <java|go|dotnet>, got '$target'" >&2; exit 2 ;;
esac

mkdir -p .ci-out/packaging
log=".ci-out/packaging/$target.log"
: >"$log"

# The first message of the log that names a dependency the registry does not have, if any.
missing_dependency() {
  local pattern found
  for pattern in "${patterns[@]}"; do
    found=$(grep -Eo "$pattern" "$log" | head -n 1 || true)
    if [ -n "$found" ]; then echo "$found"; return; fi
  done
}

sources_only() { # $1: what was missing
  degrade "a dependency is not available from the package registry: $1 (log: $log)" "keeping the generated sources only (jsii-pacmak --code-only)"
  rm -rf "dist/$target"
  jsii-pacmak --target "$target" --code-only >>"$log" 2>&1
  echo "dist/$target: generated sources only, not compiled"
  exit 0
}

if [ "$target" = "java" ]; then
  # jsii-pacmak retries a failed Maven build five times with back-off (minutes); resolving the
  # generated pom's dependencies once finds a missing one in seconds.
  rm -rf dist/java
  jsii-pacmak --target java --code-only >>"$log" 2>&1
  if ! mvn -B -q -f dist/java/pom.xml dependency:resolve >>"$log" 2>&1; then
    missing=$(missing_dependency)
    if [ -n "$missing" ]; then sources_only "$missing"; fi
  fi
  rm -rf dist/java
fi

if jsii-pacmak -v --target "$target" >>"$log" 2>&1; then
  tail -n 3 "$log"
  exit 0
fi
missing=$(missing_dependency)
if [ -z "$missing" ]; then
  cat "$log" >&2
  echo "error: jsii-pacmak --target $target failed (log: $log)" >&2
  exit 1
fi
sources_only "$missing"
