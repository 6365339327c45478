#!/usr/bin/env bash
# Cross-checks every golden manifest against Prefect itself: lets Prefect load
# each fixture flow and compares name, description and parameter schema.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$("$repo/scripts/prefect-venv.sh")"
# Prefect must not reach for a server or write into the user's home.
export PREFECT_HOME="$repo/.cache/prefect-home"
exec "$venv/bin/python" "$repo/Tests/fidelity/compare_with_prefect.py" "$repo/Fixtures/scan"
