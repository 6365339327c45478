#!/usr/bin/env bash
# Fidelity against Airflow itself: installs Apache Airflow 3.3.2 (and the
# providers whose system-test DAGs we compare) into a throwaway venv under
# .cache/ (scripts/airflow-venv.sh), adds astronomer-cosmos, fetches pinned sdists, and runs bench/dagbag_compare.py on:
#   Fixtures/scan, the example DAGs of apache-airflow-core and
#   apache-airflow-providers-standard, and the amazon and google system tests.
# Fails when any DAG Airflow loads differs from acme-scan's manifest in
# dag_id, task_ids or edges, unless bench/dagbag_known_differences.txt explains it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$("$repo/scripts/airflow-venv.sh")"
binary="${ACME_SCAN_BINARY:-$repo/.build/debug/acme-scan}"

# cosmos, so DagBag can load the fixtures' DbtDag / DbtTaskGroup DAGs (cosmos' own
# parser reads their dbt projects: no dbt installation needed). Added to the venv
# only when missing (about 6 s), constrained to what is installed so nothing else moves.
cosmos="astronomer-cosmos==1.15.1"
installed="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("astronomer-cosmos"))' 2>/dev/null || true)"
if [[ "$installed" != "${cosmos#*==}" ]]; then
  echo "installing $cosmos into $venv" >&2
  "$venv/bin/pip" freeze --exclude astronomer-cosmos > "$venv/constraints.txt"
  "$venv/bin/pip" install --quiet --constraint "$venv/constraints.txt" "$cosmos" >&2
fi

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
