#!/usr/bin/env bash
# Benchmark (issues 10 and 23): deploying a project of FLOWS Prefect flows
# (default 60) to a real Prefect 3.9.1 server on 127.0.0.1, by `prefect
# --no-prompt deploy --all` on acme-scan's generated prefect.yaml (Prefect
# imports every flow file) against `acme-scan deploy` of the same commit (a
# static scan, then the REST API). Both start from a server holding neither the
# flows nor the deployments (each deploy creates both); acme-scan also onto a
# server that still holds the flows (as after a deploy to another environment);
# and `acme-scan deploy` again with nothing changed (the plan finds every
# deployment unchanged and sends nothing). Medians of RUNS runs (default 3;
# Prefect's own deploy in the first 3 runs at most: it takes 15 s for 30 flows),
# every kind of run in each round, so that all see the same load. Goals: >= 10x,
# and a no-change re-deploy under 0.3 s.
#
# Then one more run of each with --verbose, profiled by bench/deploy_profile.py:
# the requests by endpoint and their time on the wire, and the CPU time of
# acme-scan (with its git children) and of the Prefect server during the run.
#
# With ACME_SCAN_BASELINE=BINARY (another build of acme-scan, e.g. of an earlier
# commit), that binary is measured too, in the same runs, interleaved, so the
# two compare on the same load.
#
# With ACME_BENCH_PREFECT_DATABASE=postgresql+asyncpg://USER:PASSWORD@HOST:PORT/DB
# the server keeps its data in that PostgreSQL database instead of SQLite, and
# ACME_BENCH_WRITES_IN_FLIGHT=N sets the environment's `writes-in-flight`.
#
# Usage: [ACME_SCAN_BASELINE=BINARY] [ACME_BENCH_PREFECT_DATABASE=URL] [ACME_BENCH_WRITES_IN_FLIGHT=N]
#        bench/deploy.sh [FLOWS] [RUNS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
flows="${1:-60}"
runs="${2:-3}"

"$repo/scripts/setup.sh"
venv="$("$repo/scripts/prefect-venv.sh")"
echo "building acme-scan (release)" >&2
acme="$("$repo/scripts/release-binary.sh")"
binaries=("$acme")
[[ -n "${ACME_SCAN_BASELINE:-}" ]] && binaries+=("$ACME_SCAN_BASELINE")

work="$(mktemp -d)"
cleanup() { "$repo/Tests/servers/prefect.sh" stop "$work/server" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
export PREFECT_API_URL
PREFECT_API_URL="$("$repo/Tests/servers/prefect.sh" start "$work/server" \
  ${ACME_BENCH_PREFECT_DATABASE:+--database "$ACME_BENCH_PREFECT_DATABASE"})"
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
${ACME_BENCH_WRITES_IN_FLIGHT:+writes-in-flight = $ACME_BENCH_WRITES_IN_FLIGHT}
TOML
git -C "$project" init -q -b main
git -C "$project" remote add origin https://github.com/acme/bench.git
git -C "$project" -c user.name=bench -c user.email=bench@example.com add -A
git -C "$project" -c user.name=bench -c user.email=bench@example.com commit -qm bench
curl -sf -X POST "$PREFECT_API_URL/work_pools/" -H 'Content-Type: application/json' \
  -d '{"name": "bench-pool", "type": "process"}' > /dev/null

# Runs "$@" in the project, output to the log; prints the wall time in seconds.
# The clock is bash's own: starting a python3 to read it took up to 0.2 s (a pyenv
# shim), which the measured command was charged with.
timed() {
  local start end
  start="$EPOCHREALTIME"
  (cd "$project" && "$@") >> "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; echo "failed: $*" >&2; exit 1; }
  end="$EPOCHREALTIME"
  python3 -c "print(f'{$end - $start:.3f}')"
}
count() { curl -sf -X POST "$PREFECT_API_URL/deployments/count" -H 'Content-Type: application/json' -d '{}'; }
# Every deployment; with `flows`, every flow too (deleting a flow deletes its deployments).
clear() {
  if [[ "${1:-}" == flows ]]; then
    "$venv/bin/python" - <<'PY'
import os, httpx
api = os.environ["PREFECT_API_URL"]
for flow in httpx.post(f"{api}/flows/filter", json={"limit": 200}, timeout=60).json():
    assert httpx.delete(f"{api}/flows/{flow['id']}", timeout=60).status_code == 204
PY
  else
    (cd "$project" && "$venv/bin/python" "$repo/Tests/prefect-deploy/server_state.py" clear > /dev/null)
  fi
}
# The Prefect server's CPU seconds so far (user + system).
server_cpu() { python3 -c 'import os, sys; f = open(f"/proc/{sys.argv[1]}/stat").read().rsplit(")", 1)[1].split(); print((int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK"))' "$(cat "$work/server/pid")"; }

(cd "$project" && "$acme" generate . > /dev/null 2>&1) || { echo "generate failed" >&2; exit 1; }
# Times are appended to $work/times-KIND-INDEX (INDEX: of the binary in `binaries`).
for round in $(seq 1 "$runs"); do
  if (( round <= 3 )); then
    echo "prefect --no-prompt deploy --all ($flows flows), round $round" >&2
    clear flows
    cpu_before="$(server_cpu)"
    timed "$venv/bin/prefect" --no-prompt deploy --all >> "$work/times-prefect"
    python3 -c "print($(server_cpu) - $cpu_before)" >> "$work/times-cpu-prefect"
    [[ "$(count)" == "$flows" ]] || { echo "prefect deployed $(count) of $flows" >&2; exit 1; }
  fi
  for index in "${!binaries[@]}"; do
    clear flows
    timed "${binaries[$index]}" deploy --env dev >> "$work/times-fresh-$index"
    [[ "$(count)" == "$flows" ]] || { echo "acme-scan deployed $(count) of $flows" >&2; exit 1; }
    clear
    timed "${binaries[$index]}" deploy --env dev >> "$work/times-kept-$index"
    [[ "$(count)" == "$flows" ]] || { echo "acme-scan deployed $(count) of $flows" >&2; exit 1; }
  done
done
for _ in $(seq 1 "$runs"); do
  for index in "${!binaries[@]}"; do timed "${binaries[$index]}" deploy --env dev >> "$work/times-again-$index"; done
done
(cd "$project" && "$acme" deploy --env dev --dry-run --format json) | python3 -c '
import json, sys
plan = json.load(sys.stdin)["plan"]
changing = [item for item in plan if item["action"] != "unchanged"]
sys.exit(f"a re-deploy planned changes: {changing[:3]}" if changing or not plan else 0)'

python3 - "$work" "$flows" "${binaries[@]}" <<'PY'
import statistics, sys
work, flows, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def times(kind, index=None):
    return [float(line) for line in open(f"{work}/times-{kind}" + ("" if index is None else f"-{index}"))]
def median(kind, index):
    return statistics.median(times(kind, index))
prefect = statistics.median(times("prefect"))
print(f"| {flows} flows onto a fresh server | seconds |")
print("| --- | ---: |")
print(f"| prefect --no-prompt deploy --all | {prefect:.2f} |")
for index, binary in enumerate(binaries):
    name = "acme-scan deploy" + (f" (baseline {binary})" if index else "")
    fresh, kept, again = median("fresh", index), median("kept", index), median("again", index)
    print(f"| {name} | {fresh:.2f} ({prefect / fresh:.1f}x faster; goal 10x: {'met' if prefect / fresh >= 10 else 'MISSED'}) |")
    print(f"| {name}, the flows already on the server | {kept:.2f} ({prefect / kept:.1f}x) |")
    print(f"| {name}, nothing changed | {again:.3f} (goal < 0.3 s: {'met' if again < 0.3 else 'MISSED'}) |")
print()
print(f"runs of prefect deploy --all: {' '.join(f'{t:.3f}' for t in times('prefect'))}; "
      f"the Prefect server's CPU meanwhile: {' '.join(f'{t:.2f}' for t in times('cpu', 'prefect'))} s")
for index, binary in enumerate(binaries):
    for kind in ("fresh", "kept", "again"):
        print(f"runs of {binary}, {kind}: {' '.join(line.strip() for line in open(f'{work}/times-{kind}-{index}'))}")
PY

# One more run of each, with every request logged, for where the time goes.
profile() {
  local title="$1" binary="$2" wall cpu_before cpu_after
  : > "$work/run.log"
  cpu_before="$(server_cpu)"
  wall="$(timed /usr/bin/time -f "%U %S" -o "$work/client-cpu" "$binary" deploy --env dev --verbose)"
  cpu_after="$(server_cpu)"
  echo
  python3 "$repo/bench/deploy_profile.py" "$work/run.log" --wall "$wall" --title "$title" \
    --server-cpu "$(python3 -c "print($cpu_after - $cpu_before)")" \
    --client-cpu "$(python3 -c "import sys; print(sum(map(float, sys.argv[1:])))" $(cat "$work/client-cpu"))"
}
for index in "${!binaries[@]}"; do
  name="acme-scan deploy"
  (( index == 0 )) || name+=" (baseline)"
  clear flows
  profile "$name onto a fresh server" "${binaries[$index]}"
  clear
  profile "$name, the flows already on the server" "${binaries[$index]}"
  profile "$name, nothing changed" "${binaries[$index]}"
done
