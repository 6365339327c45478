#!/usr/bin/env bash
# Everything a fresh machine needs before `swift build`: Debian's tree-sitter
# runtime, the pinned Python grammar, and the Python packages the tests use.
# Safe to run again; it only does what is missing.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ ! -f /usr/include/tree_sitter/api.h ]] || ! command -v pkg-config >/dev/null; then
  echo "installing libtree-sitter-dev and pkg-config (apt)" >&2
  if [[ "$(id -u)" == 0 ]]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libtree-sitter-dev pkg-config >&2
fi

"$repo/grammars/fetch-grammar.sh"

if ! python3 -c "import jsonschema" 2>/dev/null; then
  echo "installing jsonschema (pip) for the manifest schema test" >&2
  python3 -m pip install --quiet jsonschema >&2
fi
