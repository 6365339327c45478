#!/usr/bin/env bash
# Builds Tests/consumer, a package that depends on acme-scan by path and uses only
# the AcmeScanKit library product, then scans fixtures with it (a Prefect project
# and an Airflow one) and requires the same flows, in the same order, as the
# acme-scan command finds.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Its own scratch folder: a different root package cannot share .build.
swift build --package-path "$repo/Tests/consumer" --scratch-path "$repo/.build-consumer" >&2
ids_and_names() {
  python3 -c '
import json, sys
for flow in json.load(sys.stdin)["flows"]:
    print(flow["id"], flow.get("name") or "-")'
}
for fixture in "$repo/Fixtures/scan/example-etl/flows" "$repo/Fixtures/scan/airflow-schedules/dags"; do
  from_library="$("$repo/.build-consumer/debug/ScanThroughKit" "$fixture")"
  from_command="$("$repo/.build/debug/acme-scan" scan "$fixture" --output - --quiet --no-cache | ids_and_names)"
  if [[ "$from_library" != "$from_command" || -z "$from_library" ]]; then
    echo "consumer: the library and the command disagree" >&2
    diff <(echo "$from_library") <(echo "$from_command") >&2 || true
    exit 1
  fi
  echo "consumer: AcmeScanKit used from another package finds the same $(wc -l <<<"$from_library") flows as acme-scan in ${fixture#$repo/}" >&2
done
