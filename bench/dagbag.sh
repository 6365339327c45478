#!/usr/bin/env bash
# Fidelity against Airflow itself: installs Apache Airflow 3.3.2 (the providers
# whose system-test DAGs we compare, and astronomer-cosmos) into a throwaway venv under
# .cache/, fetches pinned sdists, and runs bench/dagbag_compare.py on:
#   Fixtures/scan, the example DAGs of apache-airflow-core and
#   apache-airflow-providers-standard, and the amazon and google system tests.
# Fails when any DAG Airflow loads differs from acme-scan's manifest in
# dag_id, task_ids or edges, unless bench/dagbag_known_differences.txt explains it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.cache/venv-airflow"
binary="${ACME_SCAN_BINARY:-$repo/.build/debug/acme-scan}"
stamp="airflow-3.3.2 amazon-9.39.0 google-22.8.0 devel-common-0.1.1"

if [[ "$(cat "$venv/.complete" 2>/dev/null)" != "$stamp" ]]; then
  echo "installing apache-airflow 3.3.2 and providers into $venv (once, a few minutes)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "apache-airflow==3.3.2" "apache-airflow-providers-amazon==9.39.0" \
    "apache-airflow-providers-google==22.8.0" pytest >&2
  # The system tests import Airflow's shared test helpers; they come without dependencies.
  "$venv/bin/pip" install --quiet --no-deps "apache-airflow-devel-common==0.1.1" >&2
  echo "$stamp" > "$venv/.complete"
fi
# cosmos, so DagBag can load the fixtures' DbtDag / DbtTaskGroup DAGs (cosmos' own
# parser reads their dbt projects: no dbt installation needed). Added to the venv
# only when missing, constrained to what is installed so nothing else moves.
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
