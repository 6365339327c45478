#!/usr/bin/env bash
# Installs the pinned ruff into a throwaway venv under .cache/ (once) and prints
# the venv's path. Used by the benchmark and the Airflow-removals cross-check.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.cache/venv-bench"
ruff_version="0.17.6"

if [[ ! -x "$venv/bin/ruff" ]] || [[ "$("$venv/bin/ruff" --version)" != "ruff $ruff_version" ]]; then
  echo "installing ruff $ruff_version into $venv (once)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "ruff==$ruff_version" >&2
fi
echo "$venv"
