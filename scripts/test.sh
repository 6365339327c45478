#!/usr/bin/env bash
# `make test`: the whole suite, as CI runs it from a clean clone.
#
# What takes long and needs no Swift runs in the background while Swift builds:
# the tools' throwaway virtualenvs (Prefect, Airflow, acme-portal-sdk, ruff,
# pre-commit), the corpora fetched from PyPI, two Prefect servers on
# 127.0.0.1 migrating their databases (one with an auth string), three
# Airflow 3.3.2 instances (dev with a scheduler for DAG runs, prod without, and
# open: simple_auth_manager_all_admins, for deploys without a login), and a
# PostgreSQL server for the shared registry (Debian's, installed if missing). The checks
# against the real tools then run one after another, and `swift test` last,
# with the servers (its integration tests may not skip under CI=true).
#
# For the wheel, the packaging tools and a minimal Debian root (debootstrap) are
# made in the background too; the release binary is built once, by `make wheel`
# right after the Swift build, and every check that needs a release build uses it.
# Tests/consumer's own build (every dependency again) runs beside the script checks.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
servers="$repo/Tests/servers"
work="$(mktemp -d)"
prepare_pid=""
consumer_pid=""
cleanup() {
  for pid in "$consumer_pid" "$prepare_pid"; do
    if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  "$servers/prefect.sh" stop "$work/plain" > /dev/null 2>&1 || true
  "$servers/prefect.sh" stop "$work/auth" > /dev/null 2>&1 || true
  "$servers/airflow.sh" stop "$work/airflow-dev" > /dev/null 2>&1 || true
  "$servers/airflow.sh" stop "$work/airflow-prod" > /dev/null 2>&1 || true
  "$servers/airflow.sh" stop "$work/airflow-open" > /dev/null 2>&1 || true
  "$servers/postgres.sh" destroy "$work/postgres" > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# Waits for a job started in the background: the variable named $1 holds its pid (emptied
# once waited for, so that cleanup leaves it be); on failure prints its log $2 and stops, saying $3.
await_background() {
  local pid="${!1}" status=0
  wait "$pid" || status=$?
  printf -v "$1" '%s' ""
  if (( status != 0 )); then
    cat "$2" >&2
    echo "test: $3 failed" >&2
    exit 1
  fi
}
# Each step's wall time is printed after it, so a slow CI run shows where its minutes went.
step() {
  local started=$SECONDS
  printf '\n== %s\n' "$*" >&2
  "$@"
  printf '== %s: %d s (%d s since the start)\n' "$1" $((SECONDS - started)) "$SECONDS" >&2
}

auth_string="acme-test:$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
(
  set -e
  scripts/postgres-install.sh
  "$servers/postgres.sh" start "$work/postgres" --no-wait > /dev/null
  scripts/prefect-venv.sh > /dev/null
  "$servers/prefect.sh" start "$work/plain" --no-wait > /dev/null
  "$servers/prefect.sh" start "$work/auth" --auth "$auth_string" --no-wait > /dev/null
  scripts/airflow-venv.sh > /dev/null
  "$servers/airflow.sh" start "$work/airflow-dev" --branch acme/dev --scheduler --no-wait > /dev/null
  "$servers/airflow.sh" start "$work/airflow-prod" --branch acme/prod --no-wait > /dev/null
  "$servers/airflow.sh" start "$work/airflow-open" --branch acme/open --all-admins --no-wait > /dev/null
  scripts/acme-portal-venv.sh > /dev/null
  scripts/ruff-venv.sh > /dev/null
  Tests/realworld/fetch.sh > /dev/null
  scripts/wheel-tools-venv.sh > /dev/null
  scripts/debian-root.sh > /dev/null
  bench/corpora.sh both > /dev/null
) > "$work/prepare.log" 2>&1 &
prepare_pid=$!

step swift build --build-tests
await_background prepare_pid "$work/prepare.log" "installing the tools"

step scripts/wheel.sh > /dev/null

# Tests/consumer's package builds every dependency again in its own scratch folder
# (about 6 minutes on 2 cores). It builds while the script checks below run, which
# keep about one core busy, and is waited for before `swift test`, whose
# integration tests wait on servers and should not share the machine with a compiler.
consumer_started=$SECONDS
swift build --package-path Tests/consumer --scratch-path .build-consumer > "$work/consumer-build.log" 2>&1 &
consumer_pid=$!
step Tests/wheel/run.sh
step scripts/record-goldens.sh --check
step scripts/prefect-fidelity.sh
step bench/dagbag.sh
step bench/prefilter-proof.sh "$(scripts/release-binary.sh)"
step Tests/airflow-removals/run.sh
step Tests/precommit/run.sh
step Tests/prefect-deploy/run.sh
step scripts/example.sh > "$work/example.log"

"$servers/prefect.sh" wait "$work/plain"
"$servers/prefect.sh" wait "$work/auth"
export ACME_TEST_PREFECT_URL="$(cat "$work/plain/url")"
export ACME_TEST_PREFECT_AUTH_URL="$(cat "$work/auth/url")"
export ACME_TEST_PREFECT_AUTH_STRING="$auth_string"
"$servers/airflow.sh" wait "$work/airflow-dev"
"$servers/airflow.sh" wait "$work/airflow-prod"
"$servers/airflow.sh" wait "$work/airflow-open"
export ACME_TEST_AIRFLOW_DEV="$work/airflow-dev"
export ACME_TEST_AIRFLOW_PROD="$work/airflow-prod"
export ACME_TEST_AIRFLOW_OPEN="$work/airflow-open"
"$servers/postgres.sh" wait "$work/postgres"
export ACME_TEST_POSTGRES_URL="$(cat "$work/postgres/url")"
export ACME_TEST_POSTGRES_PASSWORD="$(cat "$work/postgres/password")"
export ACME_TEST_POSTGRES_DIR="$work/postgres"
step env PREFECT_API_URL="$ACME_TEST_PREFECT_URL" Tests/acme-portal/run.sh local prefect
step Tests/acme-portal/run.sh --pip local
await_background consumer_pid "$work/consumer-build.log" "building Tests/consumer"
printf '== Tests/consumer built in the background: %d s\n' $((SECONDS - consumer_started)) >&2
step swift test --skip-build
step Tests/consumer/run.sh
echo "test: everything passed" >&2
