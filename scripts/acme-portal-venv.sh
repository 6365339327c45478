#!/usr/bin/env bash
# Installs the pinned acme-portal-sdk (the package the acme-portal VS Code
# extension imports) into a throwaway venv under .cache/ (once) and prints the
# venv's path. Used by the bridge test and its benchmark.
#
# Usage: scripts/acme-portal-venv.sh [VENV]   (default .cache/venv-acme-portal; the
# bridge test makes another one to pip-install acme-scan beside the SDK)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${1:-$repo/.cache/venv-acme-portal}"
sdk_version="1.2.0"

if [[ ! -x "$venv/bin/aps" ]] || ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('acme-portal-sdk') != '$sdk_version')" 2>/dev/null; then
  echo "installing acme-portal-sdk $sdk_version into $venv (once)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "acme-portal-sdk==$sdk_version" >&2
fi
echo "$venv"
