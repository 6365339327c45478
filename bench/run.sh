#!/usr/bin/env bash
# Benchmark: acme-scan against the Python reference scanner (bench/reference_scanner.py,
# same detection rules on Python's `ast`) and `ruff check --select AIR`, on the same
# corpus in the same run. Prints median wall times, ratios and acme-scan's peak memory.
#
# Usage: bench/run.sh [RUNS]      (default 5 runs each; the median is reported)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
corpus="$repo/.cache/bench-corpus"

"$repo/scripts/setup.sh"
if [[ ! -f "$corpus/.complete" ]]; then
  rm -rf "$corpus"
  mkdir -p "$corpus"
  grep -v '^#' "$repo/bench/corpus.txt" | while read -r name version sha; do
    [[ -n "$name" ]] || continue
    folder="$("$repo/scripts/fetch-pypi.sh" "$name" "$version" "$sha")"
    cp -al "$folder" "$corpus/$name-$version"
  done
  touch "$corpus/.complete"
fi
venv="$("$repo/scripts/ruff-venv.sh")"

echo "building acme-scan (release)" >&2
(cd "$repo" && swift build -c release --product acme-scan >&2)
exec python3 "$repo/bench/measure.py" --runs "$runs" --corpus "$corpus" \
  --acme-scan "$repo/.build/release/acme-scan" --reference "$repo/bench/reference_scanner.py" \
  --ruff "$venv/bin/ruff"
