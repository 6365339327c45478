#!/usr/bin/env bash
# Fuzzes acme-scan for SECONDS (default 60): mutated DAG and flow files and
# mutated acme.toml files through `scan`, `check` and `generate` (bench/fuzz.py).
# Inputs that crash (a signal) or hang (a timeout) are kept, with a repro.sh,
# under bench/fuzz-findings/ (git-ignored). Exit 1 when anything was found.
#
# Usage: bench/fuzz.sh [SECONDS] [fuzz.py options: --seed N, --timeout S, --findings DIR]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true

"$repo/scripts/setup.sh"
echo "building acme-scan (release)" >&2
binary="$("$repo/scripts/release-binary.sh")"
exec python3 "$repo/bench/fuzz.py" --seconds "$seconds" --binary "$binary" "$@"
