#!/usr/bin/env bash
# Fetches the tree-sitter-python grammar sources (and the headers they include)
# from PyPI, checks them against pinned sha256 hashes, and unpacks them into
# grammars/tree-sitter-python/src. The unpacked files are git-ignored: only this
# script and the pins are committed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/tree-sitter-python"
stamp="$dest/src/.fetched"

grammar_version="0.23.6"
grammar_sha256="354bfa0a2f9217431764a631516f85173e9711af2c13dbd796a8815acfe505d9"
# The grammar's sdist lacks the headers parser.c includes; the Python binding's
# sdist of the matching runtime carries them (Debian's 0.20.7 parser.h is too old).
headers_version="0.23.2"
headers_sha256="66bae8dd47f1fed7bdef816115146d3a41c39b5c482d7bad36d9ba1def088450"
want="$grammar_version $grammar_sha256 $headers_version $headers_sha256"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -f "$dest/src/parser.c" ]]; then
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetching tree-sitter-python $grammar_version from PyPI" >&2
python3 -m pip download --quiet --no-deps --no-binary :all: "tree-sitter-python==$grammar_version" -d "$work" >&2
python3 -m pip download --quiet --no-deps --no-binary :all: "tree-sitter==$headers_version" -d "$work" >&2

check() {
  local file="$1" expected="$2" actual
  actual="$(sha256sum "$file" | cut -d' ' -f1)"
  if [[ "$actual" != "$expected" ]]; then
    echo "error: sha256 mismatch for $(basename "$file"): expected $expected, got $actual" >&2
    exit 1
  fi
}
grammar_tar="$work/tree_sitter_python-$grammar_version.tar.gz"
headers_tar="$work/tree-sitter-$headers_version.tar.gz"
check "$grammar_tar" "$grammar_sha256"
check "$headers_tar" "$headers_sha256"

tar -xzf "$grammar_tar" -C "$work"
tar -xzf "$headers_tar" -C "$work"
rm -rf "$dest/src"
mkdir -p "$dest/src/tree_sitter"
cp "$work/tree_sitter_python-$grammar_version/src/parser.c" "$work/tree_sitter_python-$grammar_version/src/scanner.c" "$dest/src/"
cp "$work/tree_sitter_python-$grammar_version/LICENSE" "$dest/src/LICENSE-tree-sitter-python"
for h in parser.h array.h alloc.h ts_assert.h; do
  cp "$work/tree-sitter-$headers_version/tree_sitter/core/lib/src/$h" "$dest/src/tree_sitter/"
done
cp "$work/tree-sitter-$headers_version/LICENSE" "$dest/src/tree_sitter/LICENSE-tree-sitter"
echo "$want" > "$stamp"
echo "grammar ready in $dest/src" >&2
