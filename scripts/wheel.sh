#!/usr/bin/env bash
# `make wheel`: dist/acme_scan-VERSION-py3-none-manylinux_X_Y_x86_64.whl, the
# release binary (scripts/release-binary.sh: static Swift runtime, tree-sitter,
# SQLite and zlib linked in, stripped) installed as the wheel's `acme-scan`
# script, as ruff and uv ship theirs. Prints the wheel's path on stdout.
#
# The version is the binary's own `acme-scan --version` (Generator.version, the
# one declaration), so the wheel cannot carry a version its binary does not
# print. `wheel pack` writes the archive and its RECORD; auditwheel judges the
# platform tag from the binary's symbol versions and refuses any library a
# manylinux system does not have; `wheel tags` then names the wheel with it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$("$repo/scripts/wheel-tools-venv.sh")"
binary="$("$repo/scripts/release-binary.sh")"
dist="$repo/dist"

version="$("$binary" --version)"
if ! [[ "$version" =~ ^[0-9]+(\.[0-9]+)*((a|b|rc)[0-9]+)?(\.post[0-9]+)?(\.dev[0-9]+)?$ ]]; then
  echo "wheel: acme-scan --version printed '$version', which is not a PEP 440 version" >&2
  exit 1
fi
name="acme_scan-$version"
# Packing and judging take about 30 s: a wheel newer than its binary and this script is kept.
for built in "$dist/$name"-py3-none-manylinux_*_x86_64.whl; do
  if [[ -f "$built" && "$built" -nt "$binary" && "$built" -nt "${BASH_SOURCE[0]}" ]]; then
    echo "$built"
    exit 0
  fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tree="$work/$name"
mkdir -p "$tree/$name.dist-info" "$tree/$name.data/scripts"
install -m 755 "$binary" "$tree/$name.data/scripts/acme-scan"
cat > "$tree/$name.dist-info/WHEEL" <<EOF
Wheel-Version: 1.0
Generator: acme-scan scripts/wheel.sh
Root-Is-Purelib: false
Tag: py3-none-linux_x86_64
EOF
cat > "$tree/$name.dist-info/METADATA" <<EOF
Metadata-Version: 2.1
Name: acme-scan
Version: $version
Summary: Find, check and ship Prefect flows and Airflow DAGs without importing them
Keywords: prefect,airflow,dag,flow,deployment,pre-commit
Classifier: Environment :: Console
Classifier: Operating System :: POSIX :: Linux
Classifier: Programming Language :: Python :: 3
Classifier: Topic :: Software Development :: Quality Assurance
Description-Content-Type: text/markdown

# acme-scan

One command-line tool for Python data teams' workflows: \`acme-scan\` finds the
Prefect flows and Airflow DAGs of a repository by reading the code (never
importing it), checks them, generates their deployment files and deploys and
promotes them.

This wheel holds the self-contained \`acme-scan\` binary for Linux x86_64 (the
platform tag names the oldest glibc it runs on); \`pip install acme-scan\` puts
it on the environment's PATH. It needs no Swift toolchain and no Python package
at run time.
EOF

# Timestamps in the archive from the commit, so that a rebuild gives the same bytes.
export SOURCE_DATE_EPOCH="$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 315532800)"
mkdir -p "$work/packed"
"$tools/bin/wheel" pack --dest-dir "$work/packed" "$tree" >&2
packed="$(ls "$work/packed"/*.whl)"

audit() { "$tools/bin/auditwheel" show --json "$1"; }
tag="$(audit "$packed" | "$tools/bin/python" -c '
import json, sys
audit = json.load(sys.stdin)
if audit.get("error") or audit.get("external_libs") or not audit.get("overall_tag", "").startswith("manylinux_"):
    sys.exit(f"wheel: auditwheel does not call the wheel manylinux: {json.dumps(audit)}")
print(audit["overall_tag"])
')"
"$tools/bin/wheel" tags --remove --platform-tag "$tag" "$packed" > /dev/null
tagged="$work/packed/$name-py3-none-$tag.whl"
# The renamed wheel is judged again: the name a user's pip sees must be one auditwheel agrees with.
audit "$tagged" | "$tools/bin/python" -c '
import json, sys
audit = json.load(sys.stdin)
if audit.get("external_libs") or not sys.argv[1].endswith("-" + audit.get("overall_tag", "?") + ".whl"):
    sys.exit(f"wheel: auditwheel disagrees with {sys.argv[1]}: {json.dumps(audit)}")
' "$tagged"

mkdir -p "$dist"
rm -f "$dist/$name"-*.whl
mv "$tagged" "$dist/"
echo "wheel: $(basename "$tagged"), $(du -k "$dist/$(basename "$tagged")" | cut -f1) KiB (binary $(du -k "$binary" | cut -f1) KiB)" >&2
echo "$dist/$(basename "$tagged")"
