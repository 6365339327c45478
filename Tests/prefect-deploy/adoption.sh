#!/usr/bin/env bash
# Proof that adopting acme-scan changes nothing Prefect runs (issue 14), on the
# Prefect server run.sh started (PREFECT_API_URL). For each Fixtures/adoption case
# whose import succeeds (it has expected/acme.toml): `prefect --no-prompt deploy
# --all` from the folder of every hand-written prefect.yaml, read the server state
# back and delete it; then `acme-scan init --from-prefect-yaml` and
# `acme-scan generate --force`, deploy the generated files the same way, and
# require the same server state: names, entrypoints, descriptions, schedules (slugs,
# parameters, active), parameters and their schema, work pool, queue, job variables,
# tags, pull steps, paused, concurrency. acme-scan's own additions are required as
# such: its release tags, env.DEPLOYMENT_NAME, and the version `branch-shortsha`.
# Build and push steps run for real, but prefect_docker is a stub on PYTHONPATH
# (stubs/), so no image is built; the steps each run called must be the same too.
#
#   adoption.sh VENV ACME_SCAN
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$1"
acme="$2"
state() { "$venv/bin/python" "$here/server_state.py" "$@"; }

# Every prefect.yaml of the project, deployed from its own folder as its team does.
deploy_all() {
  local project="$1" log="$2"
  (cd "$project" && find . -name prefect.yaml -not -path './.git/*' | sort) | while read -r file; do
    (cd "$project/$(dirname "$file")" && "$venv/bin/prefect" --no-prompt deploy --all >> "$log" 2>&1) \
      || { cat "$log" >&2; echo "prefect deploy failed in $(dirname "$file")" >&2; exit 1; }
  done
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PYTHONPATH="$here/stubs${PYTHONPATH:+:$PYTHONPATH}"
export GITHUB_SHA=0a1b2c3
cases=0
state clear  # what run.sh deployed before
for fixture in "$repo"/Fixtures/adoption/*/; do
  name="$(basename "$fixture")"
  [[ -f "$fixture/expected/acme.toml" ]] || continue
  cases=$((cases + 1))
  project="$work/$name"
  mkdir -p "$project"
  (cd "$fixture" && tar --exclude='expected*' --exclude=acme-scan.args --exclude=.acme-scan-cache -cf - .) | (cd "$project" && tar -xf -)
  git -C "$project" init -q -b main
  git -C "$project" -c user.name=ci -c user.email=ci@example.com add -A
  git -C "$project" -c user.name=ci -c user.email=ci@example.com commit -qm fixture
  git -C "$project" remote add origin "git@github.com:acme/$name.git"
  start="$(date -u +%Y-%m-%dT%H:%M:%S+00:00)"
  state pools "$project"

  export ACME_STUB_LOG="$work/$name.steps.hand-written"
  deploy_all "$project" "$work/$name.deploy.log"
  state snapshot "$work/$name.hand-written.json" "$start"
  state clear

  # shellcheck disable=SC2046
  (cd "$project" && "$acme" init --from-prefect-yaml $(cat "$fixture/acme-scan.args") && "$acme" generate --force)
  export ACME_STUB_LOG="$work/$name.steps.acme-scan"
  deploy_all "$project" "$work/$name.deploy.log"
  state snapshot "$work/$name.acme-scan.json" "$start"
  state clear

  echo "$name:"
  state compare "$work/$name.hand-written.json" "$work/$name.acme-scan.json"
  if ! diff <(sort "$work/$name.steps.hand-written" 2>/dev/null) <(sort "$work/$name.steps.acme-scan" 2>/dev/null); then
    echo "$name: the build and push steps prefect deploy ran differ (above)" >&2
    exit 1
  fi
  runs=0; [[ -f "$work/$name.steps.acme-scan" ]] && runs=$(wc -l < "$work/$name.steps.acme-scan")
  echo "$name: $runs stubbed build/push step runs, the same for both"
done
[[ $cases -ge 2 ]] || { echo "adoption cross-check: only $cases case(s) found" >&2; exit 1; }
echo "adoption cross-check: $cases projects deploy the same from acme-scan's files as from their own"
