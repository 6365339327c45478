#!/usr/bin/env bash
# `make example`: the whole job on an example project, with the embedded local
# backend (no server): find the flows, check them, generate the deployment files,
# deploy to dev, promote the exact release to tst, and show what runs where.
# The project is copied to .build/example and made a git repository (a release is a commit).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
acme="$repo/.build/debug/acme-scan"
(cd "$repo" && swift build --product acme-scan >&2)

work="$repo/.build/example/acme-etl"
rm -rf "$work"
mkdir -p "$work"
cp -R "$repo/Fixtures/example/acme-etl/." "$work/"
cd "$work"
export GIT_AUTHOR_NAME="Example" GIT_AUTHOR_EMAIL="example@acme.invalid" GIT_COMMITTER_NAME="Example" GIT_COMMITTER_EMAIL="example@acme.invalid"
git init -q -b main
printf 'flows.json\n.acme-scan-cache/\n' > .gitignore
git add -A && git commit -qm "the example project"

step() { printf '\n\033[1m$ acme-scan %s\033[0m\n' "$*"; "$acme" "$@"; }
step scan . --output -
step check
step generate
git add -A && git commit -qm "generated deployment files" || true
step deploy
step deploy --env tst --dry-run
step promote --to tst
step deployments --env dev --env tst
step history
