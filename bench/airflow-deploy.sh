#!/usr/bin/env bash
# Benchmark (issue 11): deploying a project of DAGS Airflow DAGs (default 100)
# to a local Airflow 3.3.2 (api-server + dag-processor, SQLite, 127.0.0.1), from
# command to "verified", against the same files copied by hand into a release
# folder and the link switched, timed until Airflow lists every DAG parsed
# (Airflow's own parse time, which a hand copy never checks). Each run uses new
# dag_ids, so every run is a first deploy of DAGs Airflow has not seen. Medians
# of RUNS runs (default 3), alternating the two, in one run of the server.
#
# Usage: bench/airflow-deploy.sh [DAGS] [RUNS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dags="${1:-100}"
runs="${2:-3}"

"$repo/scripts/setup.sh"
echo "building acme-scan (release)" >&2
acme="$("$repo/scripts/release-binary.sh")"

work="$(mktemp -d)"
cleanup() { "$repo/Tests/servers/airflow.sh" stop "$work/airflow" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
started=$(date +%s.%N)
url="$("$repo/Tests/servers/airflow.sh" start "$work/airflow")"
echo "airflow ready in $(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')") s at $url" >&2
export AIRFLOW_USERNAME=admin AIRFLOW_PASSWORD="$(cat "$work/airflow/password")"

# One project whose DAG ids carry a run's prefix: PREFIX DIR
make_project() {
  local prefix="$1" dir="$2"
  mkdir -p "$dir/dags"
  for i in $(seq 1 "$dags"); do
    printf 'from airflow.sdk import DAG\nfrom airflow.providers.standard.operators.empty import EmptyOperator\n\nwith DAG("%s_%03d", schedule=None, tags=["bench"]):\n    EmptyOperator(task_id="a") >> EmptyOperator(task_id="b")\n' \
      "$prefix" "$i" > "$dir/dags/dag_$i.py"
  done
  printf 'project = "bench"\n\n[[environments]]\nname = "dev"\nbackend = "airflow"\napi-url = "%s"\ndags-folder = "%s"\nsource = "dags"\nparse-timeout = 600\n' \
    "$url" "$work/airflow/dags" > "$dir/acme.toml"
  git -C "$dir" init -q -b main
  git -C "$dir" add -A
  GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=b@example.invalid GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=b@example.invalid \
    git -C "$dir" commit -q -m bench
}

# Seconds until Airflow lists COUNT live DAGs whose id starts with PREFIX.
wait_parsed() {
  "$repo/.cache/venv-airflow/bin/python" - "$url" "$1" "$dags" <<'PY'
import json, os, sys, time, urllib.request
url, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
body = json.dumps({"username": "admin", "password": os.environ["AIRFLOW_PASSWORD"]}).encode()
token = json.load(urllib.request.urlopen(urllib.request.Request(url + "/auth/token", body, {"Content-Type": "application/json"})))["access_token"]
while True:
    request = urllib.request.Request(f"{url}/api/v2/dags?dag_id_pattern={prefix}%25&limit=1000", headers={"Authorization": "Bearer " + token})
    live = [d for d in json.load(urllib.request.urlopen(request))["dags"] if not d["is_stale"]]
    if len(live) >= count: break
    time.sleep(0.1)
PY
}

now() { date +%s.%N; }
hand=(); deploy=(); again=()
for run in $(seq 1 "$runs"); do
  make_project "hand${run}" "$work/hand$run"
  start=$(now)
  release="$work/airflow/dags.releases/hand$run"
  mkdir -p "$release" && cp -r "$work/hand$run/dags/." "$release/"
  ln -sfn "dags.releases/hand$run" "$work/airflow/dags.new" && mv -T "$work/airflow/dags.new" "$work/airflow/dags"
  wait_parsed "hand${run}_"
  hand+=("$(python3 -c "print($(now) - $start)")")

  make_project "acme${run}" "$work/acme$run"
  start=$(now)
  (cd "$work/acme$run" && "$acme" deploy > "$work/deploy$run.log")
  deploy+=("$(python3 -c "print($(now) - $start)")")
  start=$(now)
  (cd "$work/acme$run" && "$acme" deploy > /dev/null)
  again+=("$(python3 -c "print($(now) - $start)")")
  grep -c '^created' "$work/deploy$run.log" | grep -qx "$dags" || { cat "$work/deploy$run.log" >&2; echo "deploy did not verify $dags DAGs" >&2; exit 1; }
done
python3 - "$dags" "${hand[*]}" "${deploy[*]}" "${again[*]}" <<'PY'
import statistics, sys
dags = sys.argv[1]
hand, deploy, again = ([float(x) for x in arg.split()] for arg in sys.argv[2:5])
h, d, a = statistics.median(hand), statistics.median(deploy), statistics.median(again)
print(f"{dags} DAGs onto Airflow 3.3.2, medians of {len(hand)} runs")
print(f"  copy by hand + link switch, until Airflow lists every DAG: {h:.2f} s   (runs: {', '.join(f'{x:.2f}' for x in hand)})")
print(f"  acme-scan deploy, command to verified:                     {d:.2f} s   (runs: {', '.join(f'{x:.2f}' for x in deploy)})")
print(f"  verification's cost beyond Airflow's parse time:           {d - h:+.2f} s ({d / h:.2f}x)")
print(f"  acme-scan deploy again, nothing changed:                   {a:.2f} s")
PY
