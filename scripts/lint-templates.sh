#!/usr/bin/env bash
# cfn-lint and checkov over every template the proof fixtures synthesize (each construct's default
# and fully configured stack) and the reference app. Exits non-zero on any finding of either tool.
# Needs cfn-lint and checkov on PATH (pinned in .ci/requirements.txt). See docs/SECURITY-PROOF.md.
set -euo pipefail
cd "$(dirname "$0")/.."

out=.ci-out/templates
for tool in cfn-lint checkov; do
  command -v "$tool" >/dev/null || { echo "$tool not found: python3 -m pip install -r .ci/requirements.txt" >&2; exit 2; }
done

npx ts-node --transpile-only --project tsconfig.dev.json scripts/synth-fixtures.ts "$out" >/dev/null
templates=("$out"/*.template.json)
echo "lint-templates: ${#templates[@]} templates in $out"

# W3005: a redundant DependsOn that aws-cdk-lib's identity pool L2 emits (harmless, not ours to fix).
status=0
cfn-lint --ignore-checks W3005 -- "${templates[@]}" || status=1

# Checkov checks accepted for every template: each is also reported per resource by cdk-nag, where it
# is acknowledged on the one resource it concerns (docs/SECURITY-PROOF.md has the full reasons).
# checkov runs once without skips; a finding outside this list fails, and so does an entry that no
# longer fires anywhere (a stale skip).
skips=(
  CKV_AWS_18   # S3 access logging: the server access log bucket does not log into itself (department buckets do log)
  CKV_AWS_73   # API Gateway X-Ray: opt-in (IamAuthorizedApi tracingEnabled), billed per trace; access logs are always on
  CKV_AWS_111  # IAM write without constraints: the user pool's SMS role, sns:Publish to phone numbers has no resource ARN
  CKV_AWS_115  # Lambda concurrency limit: the reference app's function (example code); stage throttling bounds its rate
  CKV_AWS_116  # Lambda DLQ: the reference app's function is invoked synchronously by API Gateway; the caller gets the error
  CKV_AWS_117  # Lambda in a VPC: the reference app's function reaches no private resource
  CKV_AWS_120  # API Gateway caching: off by design, a stage cache not keyed by caller identity would serve one user's answer to another
  CKV_AWS_158  # CloudWatch Logs KMS: log groups are encrypted at rest by CloudWatch Logs; a customer managed key is the user's choice
  CKV_AWS_173  # Lambda environment encryption: the reference app's only variable is the public web origin
  CKV_AWS_366  # Identity pool guest access: off by default; only fixtures that set allowGuests: true (cdk-nag COG7, acknowledged there)
)
report=.ci-out/checkov.json
# checkov exits 1 on any failed check: the verdict is computed below from its report.
checkov -d "$out" --framework cloudformation --quiet --compact --skip-download -o json >"$report" || true
python3 - "$report" "${skips[@]}" <<'PY' || status=1
import json, sys
report, skips = sys.argv[1], set(sys.argv[2:])
data = json.load(open(report))
if isinstance(data, list):  # one entry per framework when several ran
    data = next(d for d in data if d.get('check_type') == 'cloudformation')
results = data['results']
failed = results['failed_checks']
new = [f for f in failed if f['check_id'] not in skips]
stale = sorted(skips - {f['check_id'] for f in failed})
for f in new:
    print(f"checkov: {f['check_id']} {f['check_name']}: {f['resource']} in {f['file_path'].lstrip('/')}")
for check in stale:
    print(f"checkov: {check} is skipped but no longer fails anywhere: remove it from scripts/lint-templates.sh and docs/SECURITY-PROOF.md")
for error in results.get('parsing_errors', []):
    print(f"checkov: cannot parse {error}")
summary = data['summary']
print(f"checkov: {summary['passed']} passed, {len(failed) - len(new)} accepted ({len(skips)} check ids), {len(new)} failed, {summary['resource_count']} resources")
sys.exit(1 if new or stale or results.get('parsing_errors') else 0)
PY

if [ "$status" -ne 0 ]; then
  echo "lint-templates: findings above" >&2
  exit 1
fi
echo "lint-templates: cfn-lint and checkov found nothing"
