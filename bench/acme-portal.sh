#!/usr/bin/env bash
# Benchmark of the acme-portal bridge (issue 12): one finder call as the VS Code
# extension makes it (a cold Python process running the SDK object through
# Tests/acme-portal/extension_runner.py), on a project of ~1,000 files with
# acme-scan's result cache warm, beside the SDK's own PrefectFlowFinder on the
# same files, in the same run. The project is the eight prefect-* sdists and
# apache-airflow-core of bench/corpus.txt (1,063 .py files).
#
# Usage: bench/acme-portal.sh [RUNS]      (default 11 runs each; the median is reported)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-11}"
"$repo/scripts/setup.sh"
venv="$("$repo/scripts/acme-portal-venv.sh")"
echo "building acme-scan (release)" >&2
binary="$("$repo/scripts/release-binary.sh")"
export PATH="$(dirname "$binary"):$PATH"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
project="$work/project"
mkdir -p "$project"
grep -v '^#' "$repo/bench/corpus.txt" | while read -r name version sha; do
  case "$name" in prefect-*|apache-airflow-core) ;; *) continue ;; esac
  folder="$("$repo/scripts/fetch-pypi.sh" "$name" "$version" "$sha")"
  cp -al "$folder" "$project/$name-$version"
done

# The project with the bridge and every environment on the local backend, its flows deployed to dev.
acme-scan init --acme-portal "$project" 2>/dev/null
sed -i 's/backend = "prefect"/backend = "local"/' "$project/acme.toml"
git -C "$project" init -q -b main
git -C "$project" add -A
git -C "$project" commit -qm "the bench project"
(cd "$project" && acme-scan deploy >/dev/null 2>&1) || true

# The SDK's own finder, configured as acme-prefect configures it, over the same files.
sdk="$work/sdk-workspace"
mkdir -p "$sdk/.acme_portal_sdk"
cat > "$sdk/.acme_portal_sdk/flow_finder.py" <<PY
from acme_portal_sdk.prefect.flow_finder import PrefectFlowFinder

flow_finder = PrefectFlowFinder(root_dir="$project")
PY

exec "$venv/bin/python" "$repo/bench/acme_portal_measure.py" --runs "$runs" --project "$project" --sdk-workspace "$sdk" \
  --runner "$repo/Tests/acme-portal/extension_runner.py"
