#!/usr/bin/env bash
# Installs Apache Airflow 3.3.2 (and the providers whose system-test DAGs the
# DagBag comparison reads) into a throwaway venv under .cache/ (once) and prints
# the venv's path. Used by bench/dagbag.sh, Tests/airflow-removals/run.sh and
# Tests/servers/airflow.sh (the git provider is for the GitDagBundle deploy mode).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.cache/venv-airflow"
stamp="airflow-3.3.2 amazon-9.39.0 google-22.8.0 git-1.0.1 devel-common-0.1.1"

if [[ "$(cat "$venv/.complete" 2>/dev/null)" != "$stamp" ]]; then
  echo "installing apache-airflow 3.3.2 and providers into $venv (once, a few minutes)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "apache-airflow==3.3.2" "apache-airflow-providers-amazon==9.39.0" \
    "apache-airflow-providers-google==22.8.0" \
    "apache-airflow-providers-git==1.0.1" pytest >&2
  # The system tests import Airflow's shared test helpers; they come without dependencies.
  "$venv/bin/pip" install --quiet --no-deps "apache-airflow-devel-common==0.1.1" >&2
  echo "$stamp" > "$venv/.complete"
fi
echo "$venv"
