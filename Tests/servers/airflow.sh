#!/usr/bin/env bash
# A throwaway Airflow 3.3.2 for tests, on 127.0.0.1 with SQLite, in a state folder of its own.
#
#   airflow.sh start DIR [--port PORT] [--branch BRANCH] [--scheduler] [--all-admins] [--no-wait]
#   airflow.sh wait DIR [SECONDS]     until the API answers and the DAG processor runs (default 300 s)
#   airflow.sh stop DIR               SIGTERM to each component, SIGKILL after 15 s
#   airflow.sh kill DIR               SIGKILL at once (fault tests)
#   airflow.sh restart DIR [--new-jwt-secret]
#                                     stop, then start again with the same settings
#                                     (a new JWT secret invalidates every token issued)
#
# DIR holds home/ (AIRFLOW_HOME: airflow.db, logs), one log per component, and
# one-line files: url (http://127.0.0.1:PORT), port, password (admin's, mode
# 600), jwt-secret (the components' shared secret, mode 600) and pids. Two DAG bundles are configured, one per deploy mode:
#   dags-folder  a LocalDagBundle at DIR/dags, a path acme-scan owns (it makes
#                it a symbolic link to a release folder);
#   repo         a GitDagBundle cloning DIR/bundle.git (created bare here, with
#                one empty commit on main and BRANCH) and tracking BRANCH
#                (default acme/dev).
# Only the api-server and the dag-processor run, unless --scheduler (with
# --skip-serve-logs: the log server binds every interface). --all-admins sets
# simple_auth_manager_all_admins = True, as development Airflows often run:
# every caller is an admin, no login needed (no password file then). Each component
# runs in a session of its own (setsid), so stop ends exactly its processes.
# `start --no-wait` returns at once, so the caller can build meanwhile.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 2 ]] || usage
command="$1"; dir="$2"; shift 2

source "$repo/Tests/servers/common.sh"

any_alive() {
  [[ -f "$dir/pids" ]] || return 1
  local pid
  for pid in $(cat "$dir/pids"); do alive_pid "$pid" && return 0; done
  return 1
}

launch() {
  local venv port branch bundles
  venv="$("$repo/scripts/airflow-venv.sh")"
  port="$(cat "$dir/port")"
  branch="$(cat "$dir/branch")"
  mkdir -p "$dir/home" "$dir/bundles"
  # Every component must share it; a new one makes the server refuse tokens it issued before.
  [[ -s "$dir/jwt-secret" ]] || (umask 077; python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > "$dir/jwt-secret")
  # GitDagBundle 1.0.1 clones once and never fetches a tracking branch that was
  # missing then (measured: `git checkout acme/dev` fails on every refresh), so the
  # repository starts with one empty commit on main and on BRANCH; test projects
  # clone it and commit on top, as a project's environment branches share its history.
  if [[ ! -d "$dir/bundle.git" ]]; then
    git init --quiet --bare "$dir/bundle.git"
    local commit
    commit="$(GIT_AUTHOR_NAME=acme GIT_AUTHOR_EMAIL=acme@example.invalid GIT_COMMITTER_NAME=acme GIT_COMMITTER_EMAIL=acme@example.invalid \
      GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z \
      git -C "$dir/bundle.git" commit-tree -m "empty root" "$(git -C "$dir/bundle.git" mktree < /dev/null)")"
    git -C "$dir/bundle.git" update-ref refs/heads/main "$commit"
    git -C "$dir/bundle.git" update-ref "refs/heads/$branch" "$commit"
    git -C "$dir/bundle.git" symbolic-ref HEAD refs/heads/main
  fi
  # The link acme-scan swaps; until the first deploy it points at an empty folder.
  if [[ ! -e "$dir/dags" && ! -L "$dir/dags" ]]; then mkdir -p "$dir/empty"; ln -s empty "$dir/dags"; fi
  bundles="$(printf '[{"name": "dags-folder", "classpath": "airflow.dag_processing.bundles.local.LocalDagBundle", "kwargs": {"path": "%s", "refresh_interval": 2}}, {"name": "repo", "classpath": "airflow.providers.git.bundles.git.GitDagBundle", "kwargs": {"repo_url": "%s", "tracking_ref": "%s", "refresh_interval": 2}}]' \
    "$dir/dags" "$dir/bundle.git" "$branch")"
  # Built from scratch, so none of the caller's AIRFLOW_* settings leak in.
  local -a environment=(env -i PATH="$venv/bin:$PATH" HOME="$dir/home" LANG=C.UTF-8 TMPDIR="$dir/home"
    AIRFLOW_HOME="$dir/home"
    AIRFLOW__CORE__LOAD_EXAMPLES=False
    AIRFLOW__CORE__DAGS_FOLDER="$dir/dags"
    AIRFLOW__CORE__EXECUTOR=LocalExecutor
    AIRFLOW__CORE__PARALLELISM=2
    AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=admin:admin
    AIRFLOW__DAG_PROCESSOR__DAG_BUNDLE_CONFIG_LIST="$bundles"
    AIRFLOW__DAG_PROCESSOR__DAG_BUNDLE_STORAGE_PATH="$dir/bundles"
    AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=2
    AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL=2
    AIRFLOW__DAG_PROCESSOR__STALE_DAG_THRESHOLD=5
    AIRFLOW__LOGGING__LOGGING_LEVEL=WARNING
    AIRFLOW__API__BASE_URL="http://127.0.0.1:$port"
    AIRFLOW__API__HOST=127.0.0.1
    AIRFLOW__API__PORT="$port"
    AIRFLOW__CORE__EXECUTION_API_SERVER_URL="http://127.0.0.1:$port/execution/"
    AIRFLOW__API_AUTH__JWT_SECRET="$(cat "$dir/jwt-secret")"
    AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK=False)
  if [[ -f "$dir/all-admins" ]]; then environment+=(AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS=True); fi
  "${environment[@]}" airflow db migrate >> "$dir/migrate.log" 2>&1
  : > "$dir/pids"
  "${environment[@]}" python -c "$clean_exec" setsid airflow api-server -H 127.0.0.1 -p "$port" -w 1 \
    < /dev/null >> "$dir/api-server.log" 2>&1 &
  echo $! >> "$dir/pids"
  "${environment[@]}" python -c "$clean_exec" setsid airflow dag-processor \
    < /dev/null >> "$dir/dag-processor.log" 2>&1 &
  echo $! >> "$dir/pids"
  if [[ -f "$dir/scheduler" ]]; then
    "${environment[@]}" python -c "$clean_exec" setsid airflow scheduler --skip-serve-logs \
      < /dev/null >> "$dir/scheduler.log" 2>&1 &
    echo $! >> "$dir/pids"
  fi
  echo "http://127.0.0.1:$port" > "$dir/url"
}

wait_ready() {
  local seconds="${1:-300}" url password_file="$dir/home/simple_auth_manager_passwords.json.generated"
  url="$(cat "$dir/url")"
  for _ in $(seq 1 $((seconds * 4))); do
    if curl -sf --max-time 2 "$url/api/v2/monitor/health" > /dev/null 2>&1; then
      if [[ -f "$dir/all-admins" ]]; then return 0; fi
      if [[ -s "$password_file" ]]; then
        (umask 077; python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["admin"])' "$password_file" > "$dir/password")
        return 0
      fi
    fi
    if ! any_alive; then break; fi
    sleep 0.25
  done
  tail -n 30 "$dir"/*.log >&2
  echo "airflow at $url not ready after $seconds s (logs: $dir/*.log)" >&2
  exit 1
}

stop_all() {
  local signal="$1" pid
  [[ -f "$dir/pids" ]] || return 0
  for pid in $(cat "$dir/pids"); do
    alive_pid "$pid" && { kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true; }
  done
  for _ in $(seq 1 60); do any_alive || { rm -f "$dir/pids"; return 0; }; sleep 0.25; done
  for pid in $(cat "$dir/pids"); do kill -KILL -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 1 20); do any_alive || { rm -f "$dir/pids"; return 0; }; sleep 0.25; done
  echo "airflow components $(cat "$dir/pids") did not stop" >&2
  exit 1
}

case "$command" in
  start)
    wait_after=1; port=""; branch="acme/dev"; scheduler=0; all_admins=0
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --port) port="$2"; shift 2 ;;
        --branch) branch="$2"; shift 2 ;;
        --scheduler) scheduler=1; shift ;;
        --all-admins) all_admins=1; shift ;;
        --no-wait) wait_after=0; shift ;;
        *) usage ;;
      esac
    done
    mkdir -p "$dir"
    if any_alive; then echo "an Airflow from $dir is already running (pids $(cat "$dir/pids"))" >&2; exit 1; fi
    if [[ -z "$port" ]]; then
      port="$(free_port)"
    fi
    echo "$port" > "$dir/port"
    echo "$branch" > "$dir/branch"
    rm -f "$dir/scheduler" "$dir/all-admins" "$dir/password"
    [[ "$scheduler" == 1 ]] && touch "$dir/scheduler"
    [[ "$all_admins" == 1 ]] && touch "$dir/all-admins"
    launch
    [[ "$wait_after" == 1 ]] && wait_ready
    cat "$dir/url"
    ;;
  wait) wait_ready "${1:-300}" ;;
  stop) stop_all TERM ;;
  kill) stop_all KILL ;;
  restart)
    stop_all TERM
    [[ "${1:-}" == "--new-jwt-secret" ]] && rm -f "$dir/jwt-secret"
    launch
    wait_ready
    cat "$dir/url"
    ;;
  *) usage ;;
esac
