#!/usr/bin/env bash
# Debian's PostgreSQL server and client (psql), for the shared-registry tests
# (Tests/servers/postgres.sh runs a throwaway server of them). Safe to run again;
# it only installs what is missing. Debian's package also creates the `postgres`
# user the server runs as, and starts no cluster we use (postgres.sh makes its own).
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/postgres" > /dev/null && command -v psql > /dev/null && command -v openssl > /dev/null; then
  exit 0
fi
echo "installing postgresql and openssl (apt)" >&2
if [[ "$(id -u)" == 0 ]]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql openssl >&2
