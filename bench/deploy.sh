#!/usr/bin/env bash
# Benchmark (issue 10): deploying a project of FLOWS Prefect flows (default 60)
# to a real Prefect 3.9.1 server on 127.0.0.1, by `prefect --no-prompt deploy
# --all` on acme-scan's generated prefect.yaml (Prefect imports every flow
# file) against `acme-scan deploy` of the same commit (a static scan, then the
# REST API), both onto a server holding none of the deployments, and
# `acme-scan deploy` again with nothing changed (the plan finds every
# deployment unchanged and sends nothing). Medians of RUNS runs (default 3;
# Prefect's own deploy once: it takes a minute). Goals: >= 10x, and a no-change
# re-deploy under 1 s.
#
# Usage: bench/deploy.sh [FLOWS] [RUNS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
flows="${1:-60}"
runs="${2:-3}"

"$repo/scripts/setup.sh"
venv="$("$repo/scripts/prefect-venv.sh")"
echo "building acme-scan (release)" >&2
acme="$("$repo/scripts/release-binary.sh")"

work="$(mktemp -d)"
cleanup() { "$repo/Tests/servers/prefect.sh" stop "$work/server" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
export PREFECT_API_URL
PREFECT_API_URL="$("$repo/Tests/servers/prefect.sh" start "$work/server")"
export PREFECT_SERVER_ALLOW_EPHEMERAL_MODE=false PREFECT_HOME="$work/prefect-client"

# The project: one flow per file, each with typed parameters (a schema to send),
# as a git repository with a remote, so each deployment carries a git_clone step.
project="$work/project"
mkdir -p "$project/flows"
for i in $(seq -w 1 "$flows"); do
  cat > "$project/flows/flow_$i.py" <<PY
from prefect import flow, task


@task
def extract(source: str) -> list[int]:
    return [1, 2, 3]


@flow(name="bench-flow-$i", log_prints=True)
def bench_flow_$i(source: str = "s3://raw/$i", limit: int = 100, dry_run: bool = False) -> int:
    rows = extract(source)
    return len(rows[:limit])
PY
done
cat > "$project/acme.toml" <<TOML
project = "bench"

[defaults]
work-pool = "bench-pool"
tags = ["bench"]

[[environments]]
name = "dev"
backend = "prefect"
api-url = "$PREFECT_API_URL"
TOML
git -C "$project" init -q -b main
git -C "$project" remote add origin https://github.com/acme/bench.git
git -C "$project" -c user.name=bench -c user.email=bench@example.com add -A
git -C "$project" -c user.name=bench -c user.email=bench@example.com commit -qm bench
curl -sf -X POST "$PREFECT_API_URL/work_pools/" -H 'Content-Type: application/json' \
  -d '{"name": "bench-pool", "type": "process"}' > /dev/null

seconds() { python3 -c 'import time; print(f"{time.time():.3f}")'; }
# Runs "$@" in the project, output to the log; prints the wall time in seconds.
timed() {
  local start end
  start="$(seconds)"
  (cd "$project" && "$@") >> "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; echo "failed: $*" >&2; exit 1; }
  end="$(seconds)"
  python3 -c "print(f'{$end - $start:.3f}')"
}
median() { python3 -c 'import statistics, sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.3f}")' "$@"; }
count() { curl -sf -X POST "$PREFECT_API_URL/deployments/count" -H 'Content-Type: application/json' -d '{}'; }
clear() { (cd "$project" && "$venv/bin/python" "$repo/Tests/prefect-deploy/server_state.py" clear > /dev/null); }

(cd "$project" && "$acme" generate . > /dev/null 2>&1) || { echo "generate failed" >&2; exit 1; }
echo "prefect --no-prompt deploy --all ($flows flows)" >&2
prefect_time="$(timed "$venv/bin/prefect" --no-prompt deploy --all)"
[[ "$(count)" == "$flows" ]] || { echo "prefect deployed $(count) of $flows" >&2; exit 1; }

fresh=()
for _ in $(seq 1 "$runs"); do
  clear
  fresh+=("$(timed "$acme" deploy --env dev)")
  [[ "$(count)" == "$flows" ]] || { echo "acme-scan deployed $(count) of $flows" >&2; exit 1; }
done
again=()
for _ in $(seq 1 "$runs"); do again+=("$(timed "$acme" deploy --env dev)"); done
(cd "$project" && "$acme" deploy --env dev --dry-run --format json) | python3 -c '
import json, sys
plan = json.load(sys.stdin)["plan"]
changing = [item for item in plan if item["action"] != "unchanged"]
sys.exit(f"a re-deploy planned changes: {changing[:3]}" if changing or not plan else 0)'

fresh_median="$(median "${fresh[@]}")"
again_median="$(median "${again[@]}")"
python3 - "$flows" "$prefect_time" "$fresh_median" "$again_median" <<'PY'
import sys
flows, prefect, fresh, again = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"| {flows} flows onto a fresh server | seconds |")
print("| --- | ---: |")
print(f"| prefect --no-prompt deploy --all | {prefect:.2f} |")
print(f"| acme-scan deploy | {fresh:.2f} ({prefect / fresh:.1f}x faster; goal 10x: {'met' if prefect / fresh >= 10 else 'MISSED'}) |")
print(f"| acme-scan deploy, nothing changed | {again:.2f} (goal < 1 s: {'met' if again < 1 else 'MISSED'}) |")
PY
