#!/usr/bin/env bash
# The acme-portal bridge through the real SDK (issue 12): installs acme-portal-sdk
# 1.2.0 into a throwaway venv, makes Fixtures/acme-portal/bridge-project a git
# repository, runs `acme-scan init --acme-portal` in it, and lets check_bridge.py
# call the four operations exactly as the VS Code extension does, against each
# backend named on the command line (default: local). Any mismatch fails.
#
# acme-scan is the debug build on PATH; with --pip it is the wheel (`make wheel`)
# pip-installed into a fresh venv beside acme-portal-sdk, with no acme-scan on
# PATH, as when VS Code runs that venv's interpreter without activating it.
#
# Usage: Tests/acme-portal/run.sh [--pip] [BACKEND...]   (local, prefect; prefect needs PREFECT_API_URL)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.com GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.com

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ "${1:-}" == --pip ]]; then
  shift
  wheel="$("$repo/scripts/wheel.sh")"
  venv="$("$repo/scripts/acme-portal-venv.sh" "$work/venv")"
  version="$(basename "$wheel" | cut -d- -f2)"
  "$venv/bin/pip" install --quiet --no-index --find-links "$(dirname "$wheel")" "acme-scan==$version" >&2
  IFS=: read -ra dirs <<<"$PATH"
  PATH=""
  for dir in "${dirs[@]}"; do [[ -e "$dir/acme-scan" ]] || PATH="${PATH:+$PATH:}$dir"; done
  export PATH
  acme_scan="$venv/bin/acme-scan"
else
  venv="$("$repo/scripts/acme-portal-venv.sh")"
  (cd "$repo" && swift build --product acme-scan >&2)
  export PATH="$repo/.build/debug:$PATH"
  acme_scan=acme-scan
fi

for backend in "${@:-local}"; do
  project="$work/$backend/acme-etl"
  mkdir -p "$project"
  cp -R "$repo/Fixtures/acme-portal/bridge-project/." "$project/"
  case "$backend" in
    local) ;;
    prefect)
      # A Prefect server the caller started (as .ci/run or Tests/prefect-deploy/run.sh do), at PREFECT_API_URL.
      : "${PREFECT_API_URL:?the prefect case needs a running Prefect server: set PREFECT_API_URL}"
      prefect_venv="$("$repo/scripts/prefect-venv.sh")"
      "$prefect_venv/bin/prefect" --no-prompt work-pool create acme-portal-process --type process --overwrite > /dev/null
      sed -i "s|^backend = \"local\"|backend = \"prefect\"\napi-url = \"$PREFECT_API_URL\"|" "$project/acme.toml"
      sed -i 's|^tags = \["team-data"\]|tags = ["team-data"]\nwork-pool = "acme-portal-process"|' "$project/acme.toml"
      ;;
    *) echo "unknown backend: $backend (local or prefect)" >&2; exit 2 ;;
  esac
  git -C "$project" init -q -b main
  printf '.acme-scan-cache/\n__pycache__/\n' > "$project/.gitignore"
  "$acme_scan" init --acme-portal "$project" 2> "$work/init.log"
  grep -q "kept .*acme.toml as it is" "$work/init.log" || { cat "$work/init.log" >&2; echo "init --acme-portal did not keep acme.toml" >&2; exit 1; }
  git -C "$project" add -A
  git -C "$project" commit -qm "the project, with the acme-portal bridge"
  "$venv/bin/python" "$repo/Tests/acme-portal/check_bridge.py" "$project" "$backend"
done
