#!/usr/bin/env bash
# Proof that the byte pre-filters lose nothing on real code (run by `make test`):
# both benchmark corpora (bench/corpora.sh; about 8,700 files of Prefect, Airflow
# and their integrations and tests) scanned with and without the pre-filters must
# give identical manifests, byte for byte. Also prints how many files each scan
# parsed, which is what the pre-filters are for.
#
# Usage: bench/prefilter-proof.sh ACME_SCAN
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
acme="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
while read -r corpus; do
  name="$(basename "$corpus")"
  "$acme" "$corpus" --no-cache -o "$work/$name.filtered.json" 2> "$work/$name.filtered.log"
  "$acme" "$corpus" --no-cache --no-prefilter -o "$work/$name.unfiltered.json" 2> "$work/$name.unfiltered.log"
  parsed() { grep -o '[0-9,]* files scanned, [0-9,]* parsed' "$1" | head -1; }
  if cmp -s "$work/$name.filtered.json" "$work/$name.unfiltered.json"; then
    echo "prefilter-proof: $name: identical manifests ($(parsed "$work/$name.filtered.log") with the pre-filters; $(parsed "$work/$name.unfiltered.log" | sed 's/.* scanned, //') without)" >&2
  else
    diff <(python3 -m json.tool "$work/$name.unfiltered.json") <(python3 -m json.tool "$work/$name.filtered.json") | head -40 >&2 || true
    echo "prefilter-proof: $name: the manifests differ: a pre-filter loses something" >&2
    status=1
  fi
done < <("$repo/bench/corpora.sh" both)
exit $status
