#!/usr/bin/env bash
# The acme-scan binary that ships, built once and reused: `make wheel`,
# `make install`, the benchmarks and every script check that needs a release
# build take it from here. Prints the stripped binary's path on stdout.
#
#   swift build -c release --static-swift-stdlib, scratch path .build-release/
#   (incremental after the first build: ~10 minutes on 2 cores, then seconds),
#   tree-sitter, SQLite and zlib linked in from Debian's static archives,
#   stripped into .build-release/acme-scan.
#
# The result needs only glibc, libstdc++, libgcc_s and libm, which every
# manylinux system has; this script fails if it needs anything else.
#
# Why a folder of static archives: the -l flags come from module maps
# (CTreeSitter's `link "tree-sitter"`, GRDB's `link "sqlite3"`, swift-nio-extras'
# `z`), and ld takes the .so of the first folder that has the library. This build
# alone reads a tree-sitter.pc whose libdir is a folder holding only Debian's
# .a files; SwiftPM puts that -L first on the link line, so the same -l flags
# find the archives (an -Xlinker -L comes after Debian's libdir, and loses). The
# debug build, the tests and packages that depend on AcmeScanKit keep the shared
# libraries, and Package.swift needs no unsafe flags (which would stop
# AcmeScanKit from being a dependency). Building tree-sitter's and SQLite's C
# sources ourselves would give the same binary for more build time and two more
# pinned downloads.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$repo/.build-release"
archives="$scratch/static-archives"
stripped="$scratch/acme-scan"
multiarch="$(gcc -print-multiarch)"

"$repo/scripts/setup.sh" >&2

needed_packages=()
[[ -f "/usr/lib/$multiarch/libtree-sitter.a" ]] || needed_packages+=(libtree-sitter-dev)
[[ -f "/usr/lib/$multiarch/libsqlite3.a" ]] || needed_packages+=(libsqlite3-dev)
[[ -f "/usr/lib/$multiarch/libz.a" ]] || needed_packages+=(zlib1g-dev)
if (( ${#needed_packages[@]} )); then "$repo/scripts/apt-install.sh" "${needed_packages[@]}"; fi
mkdir -p "$archives/pkgconfig"
for library in tree-sitter sqlite3 z; do
  ln -sf "/usr/lib/$multiarch/lib$library.a" "$archives/lib$library.a"
done
sed "s|^libdir=.*|libdir=$archives|" "/usr/lib/$multiarch/pkgconfig/tree-sitter.pc" > "$archives/pkgconfig/tree-sitter.pc"

(cd "$repo" && swift build -c release --static-swift-stdlib --product acme-scan \
  --scratch-path "$scratch" --pkg-config-path "$archives/pkgconfig" >&2)
built="$scratch/release/acme-scan"

# Anything beyond these would have to be on the machine that installs the wheel.
allowed='^(libc\.so\.6|libm\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|ld-linux-x86-64\.so\.2)$'
unexpected="$(readelf -d "$built" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -Ev "$allowed" || true)"
if [[ -n "$unexpected" ]]; then
  echo "release-binary: $built still loads: $(echo $unexpected)" >&2
  exit 1
fi

if [[ ! -x "$stripped" || "$built" -nt "$stripped" ]]; then
  strip --strip-all -o "$stripped.tmp" "$built"
  mv "$stripped.tmp" "$stripped"
fi
echo "$stripped"
