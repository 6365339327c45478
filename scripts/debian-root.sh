#!/usr/bin/env bash
# A minimal Debian 12 root (debootstrap --variant=minbase) holding python3,
# python3-venv and git, and nothing of this machine: no Swift, no tree-sitter,
# no build tools. The wheel test installs acme-scan into it with pip and runs it
# there with chroot. Made once under .cache/ (about 250 MB; minutes, mostly
# downloads) and reused; a root whose package list changed is made again.
# Prints the root's path. Needs root (debootstrap, chroot).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suite="bookworm"
mirror="http://deb.debian.org/debian"
packages="python3,python3-venv,git"
root="$repo/.cache/debian-$suite-root"
stamp="$root/.acme-scan-root"
want="$suite $mirror $packages"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "$root"
  exit 0
fi
command -v debootstrap > /dev/null || "$repo/scripts/apt-install.sh" debootstrap
echo "making a minimal Debian $suite root in $root (once)" >&2
# Made beside its final place and renamed, so that a half-made root is never used.
partial="$root.partial"
rm -rf "$partial" "$root"
debootstrap --variant=minbase --include="$packages" "$suite" "$partial" "$mirror" >&2
# Downloaded packages are not needed to run; they are most of a fresh root's size.
rm -rf "$partial"/var/cache/apt/archives/*.deb "$partial"/var/lib/apt/lists/*_Packages
echo "$want" > "$partial/.acme-scan-root"
mv "$partial" "$root"
echo "$root"
