#!/usr/bin/env bash
# Installs the pinned packaging tools `make wheel` uses (auditwheel, which
# judges the manylinux tag, and wheel, which packs and tags) into a throwaway
# venv under .cache/ (once), and prints the venv's path.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.cache/venv-wheel-tools"
pins=("auditwheel==6.8.2" "wheel==0.48.0")

if [[ ! -x "$venv/bin/auditwheel" || ! -x "$venv/bin/wheel" ]] \
  || ! "$venv/bin/python" -m pip freeze 2>/dev/null | grep -qxF -e "${pins[0]}" \
  || ! "$venv/bin/python" -m pip freeze 2>/dev/null | grep -qxF -e "${pins[1]}"; then
  echo "installing ${pins[*]} into $venv (once)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "${pins[@]}" >&2
fi
echo "$venv"
