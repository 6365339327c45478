#!/usr/bin/env bash
# Runs a command with two throwaway Prefect servers up, then stops them:
#
#   Tests/servers/with-prefect.sh swift test
#
# One server without auth and one with an auth string, started together
# (each migrates a fresh SQLite database, ~20 s), on free ports of 127.0.0.1.
# The command sees them through ACME_TEST_PREFECT_URL, and
# ACME_TEST_PREFECT_AUTH_URL with ACME_TEST_PREFECT_AUTH_STRING, the variables
# Tests/TestSupport/TestServers.swift reads. The servers stop when the command
# ends, whatever its outcome; the command's exit status is this script's.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
servers="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ $# -gt 0 ]] || { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

"$repo/scripts/prefect-venv.sh" > /dev/null
state="$(mktemp -d)"
auth_string="acme-test:$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
cleanup() {
  "$servers/prefect.sh" stop "$state/plain" || true
  "$servers/prefect.sh" stop "$state/auth" || true
  rm -rf "$state"
}
trap cleanup EXIT

"$servers/prefect.sh" start "$state/plain" --no-wait > /dev/null
"$servers/prefect.sh" start "$state/auth" --auth "$auth_string" --no-wait > /dev/null
"$servers/prefect.sh" wait "$state/plain"
"$servers/prefect.sh" wait "$state/auth"

export ACME_TEST_PREFECT_URL="$(cat "$state/plain/url")"
export ACME_TEST_PREFECT_AUTH_URL="$(cat "$state/auth/url")"
export ACME_TEST_PREFECT_AUTH_STRING="$auth_string"
echo "prefect servers: $ACME_TEST_PREFECT_URL, $ACME_TEST_PREFECT_AUTH_URL (auth)" >&2
"$@"
