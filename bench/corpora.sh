#!/usr/bin/env bash
# Assembles the benchmark corpora from PyPI (each sdist pinned by sha256 in
# bench/corpus.txt and bench/corpus-large.txt) as hard links of the unpacked
# sdists, one folder per corpus, and prints their paths: small, then large.
#
# Usage: bench/corpora.sh [small|large|both]   (default both)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
which="${1:-both}"

# CORPUS LIST...: the folder, made once (a `.complete` marker says it is whole).
assemble() {
  local corpus="$1"; shift
  [[ -f "$corpus/.complete" ]] && return
  rm -rf "$corpus"
  mkdir -p "$corpus"
  grep -hv '^#' "$@" | while read -r name version sha; do
    [[ -n "$name" ]] || continue
    folder="$("$repo/scripts/fetch-pypi.sh" "$name" "$version" "$sha")"
    cp -al "$folder" "$corpus/$name-$version"
  done
  touch "$corpus/.complete"
}
small="$repo/.cache/bench-corpus"
large="$repo/.cache/bench-corpus-large"
if [[ "$which" != large ]]; then assemble "$small" "$repo/bench/corpus.txt"; echo "$small"; fi
if [[ "$which" != small ]]; then assemble "$large" "$repo/bench/corpus.txt" "$repo/bench/corpus-large.txt"; echo "$large"; fi
