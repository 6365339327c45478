#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests, on 127.0.0.1, with a data directory of its own.
#
#   postgres.sh start DIR [--port PORT] [--no-wait]
#   postgres.sh wait DIR [SECONDS]     until it accepts the test role's login (default 60 s)
#   postgres.sh stop DIR               a fast shutdown (sessions ended), SIGKILL after 15 s
#   postgres.sh kill DIR               SIGKILL to the server's process group at once (fault tests)
#   postgres.sh restart DIR            stop, then start again on the same port and data
#   postgres.sh destroy DIR            stop, and remove the data directory
#
# Debian's server (scripts/postgres-install.sh installs it) runs as the `postgres`
# user when this runs as root (initdb refuses root), else as the caller. Its data
# directory is a folder of its own under TMPDIR owned by that user (DIR may sit
# in a folder only root may enter); DIR holds one-line files: datadir, port, url
# (postgresql://acme_test@127.0.0.1:PORT/acme_test, no password), password (the
# test role's, mode 600), admin-password (the superuser's, mode 600), ca.crt (the
# server's self-signed certificate, for sslmode=verify-*), pid, and server.log.
# The test role may log in only with its password (scram-sha-256) and may create
# databases (each test has one of its own) and roles (a read-only one, say). TLS is on but not required:
# `host` rules take both. No Unix socket: TCP on 127.0.0.1 only. Durability is
# off (fsync, synchronous_commit): a test server loses nothing it needs on a crash
# that matters, and it is several times faster on a loaded machine.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 2 ]] || usage
command="$1"; dir="$2"; shift 2

source "$repo/Tests/servers/common.sh"

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [[ -z "$bin" || ! -x "$bin/postgres" ]]; then
  echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql (scripts/postgres-install.sh installs Debian's)" >&2
  exit 1
fi
if [[ "$(id -u)" == 0 ]]; then
  as_server=(runuser -u postgres --); owner="postgres"
  # The server itself drops to postgres in the same Python that undoes the caller's mask and
  # descriptors (common.sh), so the recorded pid is the postmaster's and nothing long-lived
  # (runuser would stay as its parent) keeps a test's pipes open.
  # (Every module is imported first: the interpreter's own files may sit where postgres cannot read.)
  server_exec="import os, pwd, signal, sys; user = pwd.getpwnam('postgres'); signal.pthread_sigmask(signal.SIG_SETMASK, set()); os.closerange(3, 65536); os.setgroups([]); os.setgid(user.pw_gid); os.setuid(user.pw_uid); os.execvp(sys.argv[1], sys.argv[1:])"
else
  as_server=(); owner="$(id -un)"; server_exec="$clean_exec"
fi

alive() { [[ -f "$dir/pid" ]] && alive_pid "$(cat "$dir/pid")"; }

initialise() {
  local data
  data="$(mktemp -d "${TMPDIR:-/tmp}/acme-postgres.XXXXXX")"
  chown "$owner" "$data"
  chmod 700 "$data"
  echo "$data" > "$dir/datadir"
  (umask 077
    python3 -c 'import secrets; print(secrets.token_urlsafe(18))' > "$dir/password"
    python3 -c 'import secrets; print(secrets.token_urlsafe(18))' > "$dir/admin-password")
  # initdb reads the superuser's password from a file the server's user can read.
  local pwfile="$data/.admin-password"
  cp "$dir/admin-password" "$pwfile"
  chown "$owner" "$pwfile"
  "${as_server[@]}" "$bin/initdb" -D "$data/cluster" -U postgres --auth-local=scram-sha-256 --auth-host=scram-sha-256 \
    --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$pwfile"
  # A self-signed certificate for 127.0.0.1 and localhost, so sslmode=require and verify-full can be tried.
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$data/cluster/server.key" -out "$data/cluster/server.crt" > "$dir/openssl.log" 2>&1
  chown "$owner" "$data/cluster/server.key" "$data/cluster/server.crt"
  chmod 600 "$data/cluster/server.key"
  cp "$data/cluster/server.crt" "$dir/ca.crt"
  cat >> "$data/cluster/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
ssl = on
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
}

launch() {
  local data port
  data="$(cat "$dir/datadir")"
  port="$(cat "$dir/port")"
  # Its own session (setsid), so kill ends exactly its processes; the caller's
  # signal mask and descriptors are undone first (common.sh).
  python3 -c "$server_exec" setsid "$bin/postgres" -D "$data/cluster" -p "$port" \
    < /dev/null >> "$dir/server.log" 2>&1 &
  echo $! > "$dir/pid"
  echo "postgresql://acme_test@127.0.0.1:$port/acme_test" > "$dir/url"
}

psql_admin() {
  PGPASSWORD="$(cat "$dir/admin-password")" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(cat "$dir/port")" -U postgres -d postgres "$@"
}

# The test role and its database, once, after the first start.
create_role() {
  [[ -f "$dir/role-created" ]] && return 0
  psql_admin -v password="$(cat "$dir/password")" <<'EOF' > /dev/null
CREATE ROLE acme_test LOGIN CREATEDB CREATEROLE PASSWORD :'password';
CREATE DATABASE acme_test OWNER acme_test;
EOF
  touch "$dir/role-created"
}

wait_ready() {
  local seconds="${1:-60}"
  for _ in $(seq 1 $((seconds * 4))); do
    if PGPASSWORD="$(cat "$dir/admin-password")" PGCONNECT_TIMEOUT=2 psql -X -q -h 127.0.0.1 -p "$(cat "$dir/port")" \
      -U postgres -d postgres -c 'SELECT 1' > /dev/null 2>&1; then
      create_role
      return 0
    fi
    if ! alive; then
      tail -n 30 "$dir/server.log" >&2
      echo "postgres on port $(cat "$dir/port") exited before it was ready (log: $dir/server.log)" >&2
      exit 1
    fi
    sleep 0.25
  done
  tail -n 30 "$dir/server.log" >&2
  echo "postgres on port $(cat "$dir/port") not ready after $seconds s (log: $dir/server.log)" >&2
  exit 1
}

stop_server() {
  local signal="$1"
  if [[ "$signal" == KILL ]]; then
    signal_group KILL
  elif alive; then
    # SIGINT to the postmaster is a fast shutdown: sessions are ended, nothing waits for them.
    kill -INT "$(cat "$dir/pid")" 2>/dev/null || true
  fi
  for _ in $(seq 1 60); do alive || { rm -f "$dir/pid"; return 0; }; sleep 0.25; done
  signal_group KILL
  for _ in $(seq 1 20); do alive || { rm -f "$dir/pid"; return 0; }; sleep 0.25; done
  echo "postgres $(cat "$dir/pid") did not stop" >&2
  exit 1
}

case "$command" in
  start)
    wait_after=1; port=""
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --port) port="$2"; shift 2 ;;
        --no-wait) wait_after=0; shift ;;
        *) usage ;;
      esac
    done
    mkdir -p "$dir"
    if alive; then echo "a server from $dir is already running (pid $(cat "$dir/pid"))" >&2; exit 1; fi
    [[ -n "$port" ]] || port="$(free_port)"
    echo "$port" > "$dir/port"
    [[ -f "$dir/datadir" ]] || initialise
    launch
    [[ "$wait_after" == 1 ]] && wait_ready
    cat "$dir/url"
    ;;
  wait) wait_ready "${1:-60}" ;;
  stop) stop_server INT ;;
  kill)
    stop_server KILL
    # The killed server's shared memory and postmaster.pid stay behind; a restart cleans them up itself.
    ;;
  restart)
    stop_server INT
    launch
    wait_ready
    cat "$dir/url"
    ;;
  destroy)
    stop_server INT
    if [[ -f "$dir/datadir" ]]; then rm -rf "$(cat "$dir/datadir")"; rm -f "$dir/datadir" "$dir/role-created"; fi
    ;;
  *) usage ;;
esac
