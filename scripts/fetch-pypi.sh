#!/usr/bin/env bash
# Downloads one PyPI distribution with pip, checks it against a pinned sha256,
# and unpacks it under .cache/pypi/NAME-VERSION. Re-runs are free once unpacked.
#
# Usage: scripts/fetch-pypi.sh NAME VERSION SHA256 [sdist|wheel]
# Prints the unpacked folder on stdout.
set -euo pipefail

name="$1" version="$2" sha="$3" kind="${4:-sdist}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo/.cache/pypi/$name-$version"
if [[ -f "$dest/.complete" ]]; then
  echo "$dest"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ "$kind" == "wheel" ]]; then
  python3 -m pip download --quiet --no-deps --only-binary :all: "$name==$version" -d "$work" >&2
else
  python3 -m pip download --quiet --no-deps --no-binary :all: "$name==$version" -d "$work" >&2
fi
archive="$(find "$work" -maxdepth 1 -type f | head -n 1)"
actual="$(sha256sum "$archive" | cut -d' ' -f1)"
if [[ "$actual" != "$sha" ]]; then
  echo "error: sha256 mismatch for $(basename "$archive"): expected $sha, got $actual" >&2
  exit 1
fi
rm -rf "$dest"
mkdir -p "$dest"
case "$archive" in
  *.tar.gz) tar -xzf "$archive" -C "$dest" --strip-components=1 ;;
  *.whl|*.zip) python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$archive" "$dest" ;;
  *) echo "error: unknown archive type: $archive" >&2; exit 1 ;;
esac
touch "$dest/.complete"
echo "$dest"
