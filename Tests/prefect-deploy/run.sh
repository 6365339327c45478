#!/usr/bin/env bash
# Cross-checks `acme-scan generate` with Prefect itself (issue 5): starts a
# throwaway Prefect server on 127.0.0.1, creates the work pools, runs
# `prefect --no-prompt deploy --all` on a fixture project with our generated
# prefect.yaml, then reads every deployment back over the REST API and
# compares it with the file and with flows.json. Any mismatch fails.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$("$repo/scripts/prefect-venv.sh")"
fixture="$repo/Fixtures/generate/prefect-project"
acme="$repo/.build/debug/acme-scan"
(cd "$repo" && swift build --product acme-scan >&2)

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The project, as a git repository with a remote, so the pull step is a git_clone.
project="$work/project"
mkdir -p "$project"
(cd "$fixture" && tar --exclude='expected*' --exclude=acme-scan.args --exclude=.acme-scan-cache -cf - .) | (# Every golden YAML file of the generate fixtures must load in PyYAML (Prefect's
# loader) to the same structure whatever our quoting chose: strings stay strings.
"$venv/bin/python" - "$repo/Fixtures/generate" <<'PY'
import pathlib, sys, yaml
files = sorted(set(pathlib.Path(sys.argv[1]).glob("*/expected/**/*.yaml"))
               | set(pathlib.Path(sys.argv[1]).glob("*/expected/.acme_portal_sdk/*.yaml")))
def walk(value, where):
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                sys.exit(f"{where}: key {key!r} did not load as a string")
            if key in ("name", "tags", "entrypoint", "version", "branch", "commit_sha", "cron", "timezone", "dag_id", "file", "files") :
                items = item if isinstance(item, list) else [item]
                if any(not isinstance(x, str) for x in items):
                    sys.exit(f"{where}: {key} {item!r} did not load as text")
            walk(item, where)
    elif isinstance(value, list):
        for item in value:
            walk(item, where)
for path in files:
    walk(yaml.safe_load(path.read_text()), path)
print(f"{len(files)} generated YAML files load in PyYAML with text kept as text")
PY

cd "$project" && tar -xf -)
git -C "$project" init -q -b main
git -C "$project" -c user.name=ci -c user.email=ci@example.com add -A
git -C "$project" -c user.name=ci -c user.email=ci@example.com commit -qm fixture
git -C "$project" remote add origin git@github.com:acme/etl.git

port="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export PREFECT_HOME="$work/prefect-home"
export PREFECT_SERVER_ANALYTICS_ENABLED=false
export PREFECT_SERVER_UI_ENABLED=false
"$venv/bin/prefect" server start --host 127.0.0.1 --port "$port" > "$work/server.log" 2>&1 &
server_pid=$!
export PREFECT_API_URL="http://127.0.0.1:$port/api"
export PREFECT_SERVER_ALLOW_EPHEMERAL_MODE=false
for _ in $(seq 1 240); do
  if curl -sf "$PREFECT_API_URL/health" > /dev/null; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; echo "prefect server exited" >&2; exit 1; fi
  sleep 0.5
done
curl -sf "$PREFECT_API_URL/health" > /dev/null || { cat "$work/server.log" >&2; echo "prefect server not healthy after 120 s" >&2; exit 1; }

cd "$project"
# The environments' api-url names this throwaway server.
sed -i "s|http://127.0.0.1:4200/api|$PREFECT_API_URL|" acme.toml
git -c user.name=ci -c user.email=ci@example.com commit -qam "the test server"
"$acme" scan . -o "$work/flows.json" -q
"$acme" generate .
"$venv/bin/python" "$repo/Tests/prefect-deploy/compare_deployments.py" pools prefect.yaml
started="$(date -u +%Y-%m-%dT%H:%M:%S+00:00)"
"$venv/bin/prefect" --no-prompt deploy --all > "$work/deploy.log" 2>&1 || { cat "$work/deploy.log" >&2; echo "prefect deploy failed" >&2; exit 1; }
"$venv/bin/python" "$repo/Tests/prefect-deploy/compare_deployments.py" compare prefect.yaml "$work/flows.json"
# One desired state, two consumers (issue 10): acme-scan's own deploy of the same commit
# leaves the server exactly as `prefect deploy --all` of the generated prefect.yaml did.
state() { "$venv/bin/python" "$repo/Tests/prefect-deploy/server_state.py" "$@"; }
state snapshot "$work/by-prefect.json" "$started"
state clear
for environment in dev prod; do "$acme" deploy --env "$environment" --no-cache > /dev/null; done
state snapshot "$work/by-acme-scan.json" "$started"
state same "$work/by-prefect.json" "$work/by-acme-scan.json"
# The same server: projects with hand-written prefect.yaml files adopt acme-scan without a change (issue 14).
"$repo/Tests/prefect-deploy/adoption.sh" "$venv" "$acme"
