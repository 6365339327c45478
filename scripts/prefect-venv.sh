#!/usr/bin/env bash
# Installs the pinned Prefect into a throwaway venv under .cache/ (once) and
# prints the venv's path. Used by the fidelity check and the deploy cross-check.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.cache/venv-prefect"
prefect_version="3.9.1"

if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import prefect, sys; sys.exit(prefect.__version__ != '$prefect_version')" 2>/dev/null; then
  echo "installing prefect $prefect_version into $venv (once)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "prefect==$prefect_version" >&2
fi
echo "$venv"
