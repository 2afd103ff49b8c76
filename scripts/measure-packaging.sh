#!/usr/bin/env bash
# Times every packaging target and sizes its artifacts, from an already compiled library
# (npx projen compile). Prints a Markdown table and writes it to .ci-out/packaging/measurements.md.
# Each target runs through its projen task, as package-all runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .ci-out/packaging
report=.ci-out/packaging/measurements.md
rm -rf dist

rows=()
for target in js python java go dotnet; do
  start=$(date +%s.%N)
  status=ok
  npx projen "package:$target" >".ci-out/packaging/task-$target.log" 2>&1 || status="failed (exit $?)"
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  if grep -q "^skipping the $target build" ".ci-out/packaging/task-$target.log"; then
    status=$(grep -m1 "^skipping the $target build" ".ci-out/packaging/task-$target.log" | cut -c1-200)
  fi
  artifacts="-"
  if [ -d "dist/$target" ]; then
    artifacts=$(find "dist/$target" -type f \( -name '*.tgz' -o -name '*.whl' -o -name '*.tar.gz' -o -name '*.jar' -o -name '*.pom' -o -name '*.nupkg' -o -name '*.snupkg' -o -name go.mod \) \
      -printf '%P %s\n' | sort | awk '{ printf "%s%s (%.1f KB)", sep, $1, $2 / 1024; sep = ", " }')
    artifacts="$artifacts; dist/$target total $(du -sk "dist/$target" | cut -f1) KB"
  fi
  rows+=("| $target | $(printf '%.1f' "$seconds") s | $status | $artifacts |")
  echo "package:$target: $(printf '%.1f' "$seconds") s, $status"
done

{
  echo "| target | wall time | result | artifacts |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} >"$report"
cat "$report"
