#!/usr/bin/env bash
# The pre-commit hook, for real: installs pre-commit from PyPI into a venv under
# .cache/, makes a git repository holding a broken flow, and runs this
# repository's hook with `pre-commit try-repo`, with acme-scan from `make install`. The hook must fail and print
# acme-scan's finding; once the flow is fixed it must pass.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$repo/.cache/venv-precommit"
binary_dir="$repo/.build/debug"
[[ -x "$binary_dir/acme-scan" ]] || (cd "$repo" && swift build --product acme-scan >&2)
if [[ ! -x "$venv/bin/pre-commit" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "pre-commit==4.7.0" >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The hook finds acme-scan on PATH, installed as the README says (`make install`),
# here the debug build into a throwaway prefix.
make -C "$repo" --no-print-directory install PREFIX="$work/prefix" CONFIGURATION=debug >&2
[[ -x "$work/prefix/bin/acme-scan" ]] || { echo "FAIL: make install left no $work/prefix/bin/acme-scan"; exit 1; }
export PATH="$work/prefix/bin:$PATH" PRE_COMMIT_HOME="$work/.pre-commit-home"
cd "$work"
git init --quiet project
cd project
git config user.email ci@example.invalid
git config user.name ci
mkdir flows
cat > flows/etl.py <<'PY'
from prefect import flow


@flow(name="etl/daily")
def etl():
    """Daily load."""
PY
git add flows/etl.py
passed=0 failed=0
if output="$("$venv/bin/pre-commit" try-repo "$repo" acme-scan-check --files flows/etl.py 2>&1)"; then
  echo "FAIL: the hook passed on a flow named 'etl/daily'"; echo "$output"; failed=$((failed + 1))
elif grep -q "flows/etl.py:4:1: PFX102" <<<"$output"; then
  passed=$((passed + 1))
else
  echo "FAIL: the hook failed without acme-scan's finding"; echo "$output"; failed=$((failed + 1))
fi

sed -i 's#etl/daily#etl-daily#' flows/etl.py
git add flows/etl.py
if output="$("$venv/bin/pre-commit" try-repo "$repo" acme-scan-check --files flows/etl.py 2>&1)"; then
  passed=$((passed + 1))
else
  echo "FAIL: the hook failed on a fixed flow"; echo "$output"; failed=$((failed + 1))
fi
echo "pre-commit: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
