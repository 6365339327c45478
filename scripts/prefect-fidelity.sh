#!/usr/bin/env bash
# Cross-checks every golden manifest against Prefect itself: installs the
# pinned Prefect into a throwaway venv under .cache/ (once), then lets Prefect
# load each fixture flow and compares name, description and parameter schema.
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
# Prefect must not reach for a server or write into the user's home.
export PREFECT_HOME="$repo/.cache/prefect-home"
exec "$venv/bin/python" "$repo/Tests/fidelity/compare_with_prefect.py" "$repo/Fixtures/scan"
