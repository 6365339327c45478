#!/usr/bin/env bash
# Downloads one PyPI distribution with pip, checks it against a pinned sha256,
# and unpacks it under .cache/pypi/NAME-VERSION. Re-runs are free once unpacked.
#
# Usage: scripts/fetch-pypi.sh NAME VERSION SHA256 [sdist|wheel] [BUILD_BACKEND]
# Prints the unpacked folder on stdout.
#
# BUILD_BACKEND: for an sdist whose metadata step needs the network (ruff's runs
# cargo, which wants crates.io), the name of its build backend module; pip is
# then handed a stand-in backend that answers with the sdist's own PKG-INFO, so
# pip downloads the sources without building anything.
set -euo pipefail

name="$1" version="$2" sha="$3" kind="${4:-sdist}" backend="${5:-}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo/.cache/pypi/$name-$version"
if [[ -f "$dest/.complete" ]]; then
  echo "$dest"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ -n "$backend" ]]; then
  mkdir -p "$work/backend/$backend" "$work/download"
  cat > "$work/backend/$backend/__init__.py" <<'PY'
import email.parser, os, shutil
def get_requires_for_build_wheel(config_settings=None):
    return []
def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    info = email.parser.Parser().parse(open("PKG-INFO", encoding="utf-8"))
    name = f"{info['Name'].replace('-', '_')}-{info['Version']}.dist-info"
    os.makedirs(os.path.join(metadata_directory, name))
    shutil.copy("PKG-INFO", os.path.join(metadata_directory, name, "METADATA"))
    return name
def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    raise RuntimeError("this stand-in backend only reads metadata")
PY
  PYTHONPATH="$work/backend" python3 -m pip download --quiet --no-deps --no-binary "$name" --no-build-isolation \
    "$name==$version" -d "$work/download" >&2
  mv "$work/download"/* "$work/"
  rm -rf "$work/backend" "$work/download"
elif [[ "$kind" == "wheel" ]]; then
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
