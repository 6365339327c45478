#!/usr/bin/env bash
# Installs Debian packages (apt), as root or through sudo: the one way the build
# scripts install what the machine lacks. Usage: scripts/apt-install.sh PACKAGE...
set -euo pipefail
echo "installing $* (apt)" >&2
if [[ "$(id -u)" == 0 ]]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
