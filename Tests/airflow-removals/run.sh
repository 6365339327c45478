#!/usr/bin/env bash
# Airflow 3's removed imports (AFX009), checked against the real tools:
#   1. every entry of Sources/FlowDiscovery/Airflow/AirflowRemovedImports.swift
#      fails to import in Airflow 3.3.2, and its replacement imports (verify_table.py);
#   2. acme-scan's findings are a superset of ruff 0.17.6's AIR301/AIR302 for
#      removals that break the import, with no false alarm (crosscheck_ruff.py).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/Tests/airflow-removals"
binary="${ACME_SCAN_BINARY:-$repo/.build/debug/acme-scan}"
airflow="$("$repo/scripts/airflow-venv.sh")"
ruff="$("$repo/scripts/ruff-venv.sh")/bin/ruff"
# ruff's sources (its rule tables); the sdist's metadata step would run cargo, so only fetch it.
sources="$("$repo/scripts/fetch-pypi.sh" ruff 0.17.6 2b04276561331300325040bdca21460770029ec574d4c479099e39e8ad1ed43c sdist maturin)"
if [[ ! -x "$binary" ]]; then (cd "$repo" && swift build --product acme-scan >&2); fi

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export AIRFLOW_HOME="$home" AIRFLOW__CORE__LOAD_EXAMPLES=False AIRFLOW__LOGGING__LOGGING_LEVEL=CRITICAL
(cd "$here" && "$airflow/bin/python" verify_table.py "$repo/Sources/FlowDiscovery/Airflow/AirflowRemovedImports.swift")
python3 "$here/crosscheck_ruff.py" "$sources" "$ruff" "$airflow/bin/python" "$binary"
