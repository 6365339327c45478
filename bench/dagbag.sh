#!/usr/bin/env bash
# Fidelity against Airflow itself: installs Apache Airflow 3.3.2 (and the
# providers whose system-test DAGs we compare) into a throwaway venv under
# .cache/ (scripts/airflow-venv.sh), fetches pinned sdists, and runs bench/dagbag_compare.py on:
#   Fixtures/scan, the example DAGs of apache-airflow-core and
#   apache-airflow-providers-standard, and the amazon and google system tests.
# Fails when any DAG Airflow loads differs from acme-scan's manifest in
# dag_id, task_ids or edges, unless bench/dagbag_known_differences.txt explains it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$("$repo/scripts/airflow-venv.sh")"
binary="${ACME_SCAN_BINARY:-$repo/.build/debug/acme-scan}"

fetch() { "$repo/scripts/fetch-pypi.sh" "$@"; }
core="$(fetch apache-airflow-core 3.3.2 53f38e7749a2689a1d67c6e661284ecddaa687c1f7f3cae2d76b2eca7758210f)"
standard="$(fetch apache-airflow-providers-standard 1.21.0 4345d66cc4b02fdf984218d318f40361ed12116bb13575169c444c64bd04ea4b)"
amazon="$(fetch apache-airflow-providers-amazon 9.39.0 9ffd82a9cf92ad291d277e00d2b583e34d76e1d486922017815875539886de5a)"
google="$(fetch apache-airflow-providers-google 22.8.0 654006dc73478b36f9e4bda0f00e45ba4b864f68da66653fbc77a9ece460a79d)"

if [[ ! -x "$binary" ]]; then (cd "$repo" && swift build --product acme-scan >&2); fi

# The system tests import their helpers as `system.<provider>...` from tests/.
export PYTHONPATH="$amazon/tests:$google/tests"
exec "$venv/bin/python" "$repo/bench/dagbag_compare.py" "$binary" \
  "$repo/Fixtures/scan" \
  "$core/src/airflow/example_dags" \
  "$standard/src/airflow/providers/standard/example_dags" \
  "$amazon/tests/system/amazon" \
  "$google/tests/system/google"
