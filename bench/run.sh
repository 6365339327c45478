#!/usr/bin/env bash
# Benchmark: acme-scan against the Python reference scanner (bench/reference_scanner.py,
# same detection rules on Python's `ast`) and `ruff check --select AIR`, on the same
# corpus in the same run. Prints median wall times, ratios and acme-scan's peak memory.
#
# Then the same on the large corpus (bench/corpus.txt and bench/corpus-large.txt,
# about 6,100 files and 74 MB), with issue 23's goals printed as met or MISSED (the deploy goals: bench/deploy.sh).
#
# Usage: bench/run.sh [RUNS] [small|large|both]   (default 5 runs each, both corpora)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
which="${2:-both}"

"$repo/scripts/setup.sh"
small="$("$repo/bench/corpora.sh" small)"
large=""
[[ "$which" == small ]] || large="$("$repo/bench/corpora.sh" large)"
venv="$("$repo/scripts/ruff-venv.sh")"

echo "building acme-scan (release)" >&2
binary="$("$repo/scripts/release-binary.sh")"
tools=(--acme-scan "$binary" --reference "$repo/bench/reference_scanner.py" --ruff "$venv/bin/ruff")
if [[ "$which" != large ]]; then
  python3 "$repo/bench/measure.py" --runs "$runs" --corpus "$small" "${tools[@]}"
fi
if [[ "$which" != small ]]; then
  python3 "$repo/bench/measure_large.py" --runs "$runs" --corpus "$large" "${tools[@]}"
fi
