#!/usr/bin/env bash
# Proof that adopting acme-scan changes nothing Prefect runs (issue 14), on the
# Prefect server run.sh started (PREFECT_API_URL). For each Fixtures/adoption case
# whose import succeeds (it has expected/acme.toml): deploy every hand-written
# prefect.yaml the way its team does, read the server state back and delete it:
# `prefect --no-prompt deploy --all` from the file's folder, or, when the case holds
# `deploys-from-root` (a monorepo's CI, issue 20), `prefect --no-prompt deploy --all
# --prefect-file DIR/prefect.yaml` from the project root. Then `acme-scan init
# --from-prefect-yaml` and `acme-scan generate --force`, deploy the generated files
# the same way (so they must deploy from where the team runs them), and
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

# Every prefect.yaml of the project, deployed as its team does: from its own folder,
# or (from_root) from the project root with --prefect-file, where Prefect reads the
# file's entrypoints and its build steps' paths from.
deploy_all() {
  local project="$1" log="$2" from_root="$3"
  (cd "$project" && find . -name prefect.yaml -not -path './.git/*' | sort) | while read -r file; do
    file="${file#./}"
    if [[ "$from_root" == yes ]]; then
      (cd "$project" && "$venv/bin/prefect" --no-prompt deploy --all --prefect-file "$file" >> "$log" 2>&1) \
        || { cat "$log" >&2; echo "prefect deploy --prefect-file $file failed at the project root" >&2; exit 1; }
    else
      (cd "$project/$(dirname "$file")" && "$venv/bin/prefect" --no-prompt deploy --all >> "$log" 2>&1) \
        || { cat "$log" >&2; echo "prefect deploy failed in $(dirname "$file")" >&2; exit 1; }
    fi
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
  from_root=no; [[ -f "$fixture/deploys-from-root" ]] && from_root=yes
  mkdir -p "$project"
  (cd "$fixture" && tar --exclude='expected*' --exclude=acme-scan.args --exclude=deploys-from-root --exclude=.acme-scan-cache -cf - .) \
    | (cd "$project" && tar -xf -)
  git -C "$project" init -q -b main
  git -C "$project" -c user.name=ci -c user.email=ci@example.com add -A
  git -C "$project" -c user.name=ci -c user.email=ci@example.com commit -qm fixture
  git -C "$project" remote add origin "git@github.com:acme/$name.git"
  start="$(date -u +%Y-%m-%dT%H:%M:%S+00:00)"
  state pools "$project"

  export ACME_STUB_LOG="$work/$name.steps.hand-written"
  deploy_all "$project" "$work/$name.deploy.log" "$from_root"
  state snapshot "$work/$name.hand-written.json" "$start"
  state clear

  prefect_files() { (cd "$project" && find . -name prefect.yaml -not -path './.git/*' | sort); }
  prefect_files > "$work/$name.files.hand-written"
  # shellcheck disable=SC2046
  (cd "$project" && "$acme" init --from-prefect-yaml $(cat "$fixture/acme-scan.args") && "$acme" generate --force)
  # The team's CI names its files (--prefect-file pipelines/x/prefect.yaml): the generated ones replace them in place.
  if ! diff "$work/$name.files.hand-written" <(prefect_files); then
    echo "$name: acme-scan's prefect.yaml files are not where the hand-written ones were (above)" >&2
    exit 1
  fi
  export ACME_STUB_LOG="$work/$name.steps.acme-scan"
  deploy_all "$project" "$work/$name.deploy.log" "$from_root"
  state snapshot "$work/$name.acme-scan.json" "$start"
  state clear

  echo "$name (deployed from $([[ $from_root == yes ]] && echo "the project root with --prefect-file" || echo "each file's folder")):"
  state compare "$work/$name.hand-written.json" "$work/$name.acme-scan.json"
  if ! diff <(sort "$work/$name.steps.hand-written" 2>/dev/null) <(sort "$work/$name.steps.acme-scan" 2>/dev/null); then
    echo "$name: the build and push steps prefect deploy ran differ (above)" >&2
    exit 1
  fi
  runs=0; [[ -f "$work/$name.steps.acme-scan" ]] && runs=$(wc -l < "$work/$name.steps.acme-scan")
  echo "$name: $runs stubbed build/push step runs, the same for both"
done
[[ $cases -ge 3 ]] || { echo "adoption cross-check: only $cases case(s) found" >&2; exit 1; }
echo "adoption cross-check: $cases projects deploy the same from acme-scan's files as from their own"
