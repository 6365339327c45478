#!/usr/bin/env bash
# The pre-commit hook, for real, in both forms .pre-commit-hooks.yaml offers.
# Installs pre-commit from PyPI into a venv under .cache/ and makes a git
# repository holding a broken file; the hook must fail and print acme-scan's
# finding, and pass once the file is fixed.
#   system: this repository's hook through `pre-commit try-repo`, with acme-scan
#           on PATH from `make install` (the release binary) in a throwaway prefix;
#   python: `repo: local`, `language: python`, additional_dependencies
#           ["acme-scan==VERSION"]: pre-commit pip-installs the wheel (`make wheel`)
#           from a local folder of wheels (PIP_FIND_LINKS, no index), with no
#           acme-scan on PATH, and the hook checks a bad DAG file.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$repo/.cache/venv-precommit"
if [[ ! -x "$venv/bin/pre-commit" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "pre-commit==4.7.0" >&2
fi
# pre-commit's `repo: local` python hooks pip-install a placeholder setup.py beside
# additional_dependencies; with no index its build needs these from the same folder.
wheelhouse="$repo/.cache/wheelhouse-precommit"
build_pins=("setuptools==80.9.0" "wheel==0.45.1")
if [[ ! -f "$wheelhouse/.pins" || "$(cat "$wheelhouse/.pins")" != "${build_pins[*]}" ]]; then
  rm -rf "$wheelhouse"
  "$venv/bin/pip" download --quiet --only-binary=:all: --dest "$wheelhouse" "${build_pins[@]}" >&2
  echo "${build_pins[*]}" > "$wheelhouse/.pins"
fi
wheel="$("$repo/scripts/wheel.sh")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/.pre-commit-home"
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.invalid GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.invalid
passed=0 failed=0
# hook_fails_then_passes FORM FILE FINDING FIX COMMAND...: the hook must fail on FILE
# with FINDING in its output, then pass after `sed -i FIX FILE`.
hook_fails_then_passes() {
  local form="$1" file="$2" finding="$3" fix="$4" output; shift 4
  git add -A
  if output="$("$@" --files "$file" 2>&1)"; then
    echo "FAIL ($form): the hook passed on $file"; echo "$output"; failed=$((failed + 1))
  elif grep -qF "$finding" <<<"$output"; then
    passed=$((passed + 1))
  else
    echo "FAIL ($form): the hook failed without acme-scan's finding $finding"; echo "$output"; failed=$((failed + 1))
  fi
  sed -i "$fix" "$file"
  git add -A
  if output="$("$@" --files "$file" 2>&1)"; then
    passed=$((passed + 1))
  else
    echo "FAIL ($form): the hook failed on the fixed $file"; echo "$output"; failed=$((failed + 1))
  fi
}

# system: acme-scan on PATH, installed as docs/install.md says (`make install`).
make -C "$repo" --no-print-directory install PREFIX="$work/prefix" >&2
[[ -x "$work/prefix/bin/acme-scan" ]] || { echo "FAIL: make install left no $work/prefix/bin/acme-scan"; exit 1; }
git init --quiet "$work/system"
cd "$work/system"
mkdir flows
cat > flows/etl.py <<'PY'
from prefect import flow


@flow(name="etl/daily")
def etl():
    """Daily load."""
PY
PATH="$work/prefix/bin:$PATH" hook_fails_then_passes system flows/etl.py "flows/etl.py:4:1: PFX102" 's#etl/daily#etl-daily#' \
  "$venv/bin/pre-commit" try-repo "$repo" acme-scan-check

# python: the wheel, pip-installed by pre-commit into the hook's own venv.
version="$(basename "$wheel" | cut -d- -f2)"
mkdir -p "$work/wheels"
cp "$wheel" "$wheelhouse"/*.whl "$work/wheels/"
git init --quiet "$work/python"
cd "$work/python"
mkdir dags
cat > dags/etl.py <<'PY'
from airflow.sdk import DAG

with DAG("etl", schedule_interval="@daily"):
    pass
PY
# The form .pre-commit-hooks.yaml gives, with this version.
{
  echo "repos:"
  sed -n '/^#      - repo: local$/,/^#            require_serial: true$/s/^#    //p' "$repo/.pre-commit-hooks.yaml" \
    | sed "s/acme-scan==VERSION/acme-scan==$version/"
} > .pre-commit-config.yaml
grep -q "language: python" .pre-commit-config.yaml && grep -qF "acme-scan==$version" .pre-commit-config.yaml \
  || { echo "FAIL: no language: python hook with acme-scan==VERSION in .pre-commit-hooks.yaml"; exit 1; }
IFS=: read -ra dirs <<<"$PATH"
bare=""
for dir in "${dirs[@]}"; do [[ -e "$dir/acme-scan" ]] || bare="${bare:+$bare:}$dir"; done
PATH="$bare" PIP_NO_INDEX=1 PIP_FIND_LINKS="$work/wheels" \
  hook_fails_then_passes python dags/etl.py "dags/etl.py:3:17: AFX005" 's#schedule_interval=#schedule=#' \
  "$venv/bin/pre-commit" run acme-scan-check
installed=("$PRE_COMMIT_HOME"/repo*/py_env-*/bin/acme-scan)
if [[ -x "${installed[0]}" ]] && cmp -s "${installed[0]}" "$("$repo/scripts/release-binary.sh")"; then
  passed=$((passed + 1))
else
  echo "FAIL (python): the hook's venv does not hold the wheel's acme-scan: ${installed[*]}"; failed=$((failed + 1))
fi
echo "pre-commit: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
