#!/usr/bin/env bash
# A throwaway Prefect server for tests, on 127.0.0.1, in a state folder of its own.
#
#   prefect.sh start DIR [--auth USER:PASS] [--database URL] [--port PORT] [--services] [--no-wait]
#   prefect.sh wait DIR [SECONDS]     until /api/health answers (default 240 s)
#   prefect.sh stop DIR               SIGTERM, then SIGKILL after 15 s
#   prefect.sh kill DIR               SIGKILL at once (fault tests)
#   prefect.sh restart DIR            stop, then start again on the same port, home and auth string
#
# DIR holds everything about the server: home/ (its PREFECT_HOME: SQLite
# database, settings), server.log, and one-line files: url (the API URL,
# http://127.0.0.1:PORT/api), port, pid, auth (the auth string, mode 600,
# only with --auth) and database (a `postgresql+asyncpg://` URL with its
# password, mode 600, only with --database: the server keeps its data there
# instead of SQLite). `start` prints the URL on stdout. The server runs in a
# session of its own (setsid), so `stop` and `kill` end its whole process
# group by id and nothing else. Without --port a free port is picked.
# `start --no-wait` returns at once, so a caller can build while the server
# migrates its database (about 20 s on a fresh home) and `wait` later.
# The server runs the API only (`--no-services`) unless --services is given:
# the scheduler and late-runs services write flow runs into the same SQLite
# file and made the API answer 503 "database is locked" under test load.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 2 ]] || usage
command="$1"; dir="$2"; shift 2

source "$repo/Tests/servers/common.sh"

alive() { [[ -f "$dir/pid" ]] && alive_pid "$(cat "$dir/pid")"; }

launch() {
  local venv port auth database services
  venv="$("$repo/scripts/prefect-venv.sh")"
  port="$(cat "$dir/port")"
  auth=""
  [[ -f "$dir/auth" ]] && auth="$(cat "$dir/auth")"
  database=""
  [[ -f "$dir/database" ]] && database="$(cat "$dir/database")"
  services="--no-services"
  [[ -f "$dir/services" ]] && services=""
  mkdir -p "$dir/home"
  # The server's environment is built from scratch, so a PREFECT_* setting of
  # the caller (an API URL, an auth string for clients) cannot leak into it.
  env -i PATH="$PATH" HOME="$dir/home" LANG=C.UTF-8 \
    PREFECT_HOME="$dir/home" \
    PREFECT_SERVER_ANALYTICS_ENABLED=false \
    PREFECT_SERVER_UI_ENABLED=false \
    ${auth:+PREFECT_SERVER_API_AUTH_STRING="$auth"} \
    ${database:+PREFECT_SERVER_DATABASE_CONNECTION_URL="$database"} \
    "$venv/bin/python" -c "$clean_exec" setsid "$venv/bin/prefect" server start --host 127.0.0.1 --port "$port" $services \
    < /dev/null >> "$dir/server.log" 2>&1 &
  echo $! > "$dir/pid"
  echo "http://127.0.0.1:$port/api" > "$dir/url"
}

wait_healthy() {
  local seconds="${1:-240}" url
  url="$(cat "$dir/url")"
  for _ in $(seq 1 $((seconds * 4))); do
    if curl -sf --max-time 2 "$url/health" > /dev/null 2>&1; then return 0; fi
    if ! alive; then
      tail -n 30 "$dir/server.log" >&2
      echo "prefect server at $url exited before it was healthy (log: $dir/server.log)" >&2
      exit 1
    fi
    sleep 0.25
  done
  tail -n 30 "$dir/server.log" >&2
  echo "prefect server at $url not healthy after $seconds s (log: $dir/server.log)" >&2
  exit 1
}

stop_server() {
  local signal="$1"
  signal_group "$signal"
  for _ in $(seq 1 60); do alive || { rm -f "$dir/pid"; return 0; }; sleep 0.25; done
  signal_group KILL
  for _ in $(seq 1 20); do alive || { rm -f "$dir/pid"; return 0; }; sleep 0.25; done
  echo "prefect server $(cat "$dir/pid") did not stop" >&2
  exit 1
}

case "$command" in
  start)
    wait_after=1; port=""; auth=""; database=""; services=0
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --auth) auth="$2"; shift 2 ;;
        --database) database="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --services) services=1; shift ;;
        --no-wait) wait_after=0; shift ;;
        *) usage ;;
      esac
    done
    mkdir -p "$dir"
    if alive; then echo "a server from $dir is already running (pid $(cat "$dir/pid"))" >&2; exit 1; fi
    if [[ -z "$port" ]]; then
      port="$(free_port)"
    fi
    echo "$port" > "$dir/port"
    rm -f "$dir/auth" "$dir/database" "$dir/services"
    [[ "$services" == 1 ]] && touch "$dir/services"
    if [[ -n "$auth" ]]; then (umask 077; printf '%s\n' "$auth" > "$dir/auth"); fi
    if [[ -n "$database" ]]; then (umask 077; printf '%s\n' "$database" > "$dir/database"); fi
    launch
    [[ "$wait_after" == 1 ]] && wait_healthy
    cat "$dir/url"
    ;;
  wait) wait_healthy "${1:-240}" ;;
  stop) stop_server TERM ;;
  kill) stop_server KILL ;;
  restart)
    stop_server TERM
    launch
    wait_healthy
    cat "$dir/url"
    ;;
  *) usage ;;
esac
