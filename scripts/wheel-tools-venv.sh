#!/usr/bin/env bash
# Installs the pinned packaging tools `make wheel` uses (auditwheel, which
# judges the manylinux tag, and wheel, which packs and tags) into a throwaway
# venv under .cache/ (once), and prints the venv's path.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.cache/venv-wheel-tools"
pins=("auditwheel==6.8.2" "wheel==0.48.0")

installed() {
  "$venv/bin/python" - "${pins[@]}" <<'PY' 2>/dev/null
import importlib.metadata as metadata, sys
sys.exit(any(metadata.version(name) != version for name, version in (pin.split("==") for pin in sys.argv[1:])))
PY
}
# The tools' scripts are run too: a venv made under another path (a moved or
# shared .cache) keeps a python that works and scripts whose #! is gone.
runs() { "$venv/bin/wheel" version > /dev/null 2>&1 && "$venv/bin/auditwheel" --version > /dev/null 2>&1; }
if [[ ! -x "$venv/bin/auditwheel" || ! -x "$venv/bin/wheel" ]] || ! installed || ! runs; then
  echo "installing ${pins[*]} into $venv (once)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "${pins[@]}" >&2
fi
echo "$venv"
