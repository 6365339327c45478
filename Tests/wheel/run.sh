#!/usr/bin/env bash
# The wheel on a machine without Swift: builds it (`make wheel`), installs it
# with pip into a venv inside a minimal Debian root (scripts/debian-root.sh:
# python3, python3-venv and git, no Swift, no tree-sitter), and there, with
# chroot and without a network index:
#   - the wheel installs from a local folder, and its version is the one
#     `acme-scan --version` prints and flows.json records;
#   - scan and check give byte for byte what the debug build gives on this
#     machine (the example project, and every rule fixture of Fixtures/check:
#     deep nesting, Latin-1 and NUL-byte files included);
#   - deploy to the local backend (SQLite, linked into the binary) creates the
#     deployments, a second deploy changes nothing, and `deployments` shows them.
# Needs root (debootstrap, chroot, unshare).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
wheel="$("$repo/scripts/wheel.sh")"
root="$("$repo/scripts/debian-root.sh")"
(cd "$repo" && swift build --product acme-scan >&2)
debug="$repo/.build/debug/acme-scan"
version="$("$debug" --version)"

# Inside the root, /work is $root/work: every path below is seen from both sides.
inside="/work/wheel-test.$$"
work="$root$inside"
rm -rf "$work"
mkdir -p "$work/wheels"
trap 'rm -rf "$work"' EXIT
cp "$wheel" "$work/wheels/"

# Its own mount and PID namespace: /proc for the root, gone when the command ends.
in_root() {
  unshare --mount --pid --fork --mount-proc="$root/proc" \
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH="$inside/venv/bin:/usr/bin:/bin" \
    GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.invalid GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.invalid \
    "$@"
}
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }

in_root sh -c '! command -v swift && [ ! -e /opt/swift ] && ! ls /usr/lib/*/libtree-sitter* 2>/dev/null' > /dev/null \
  && pass || fail "the root has Swift or tree-sitter: it does not stand for a machine without them"
in_root python3 -m venv "$inside/venv"
if in_root pip install --quiet --no-index --find-links "$inside/wheels" "acme-scan==$version" > "$work/pip.log" 2>&1; then
  pass
else
  cat "$work/pip.log" >&2; fail "pip could not install $(basename "$wheel") in the root"
fi
[[ "$(in_root acme-scan --version)" == "$version" ]] && pass || fail "the installed acme-scan does not print $version"
installed="$(in_root python3 -c 'import importlib.metadata as m; print(m.version("acme-scan"))')"
[[ "$installed" == "$version" ]] && pass || fail "pip installed acme-scan $installed, not $version"
[[ "$(in_root sh -c 'command -v acme-scan')" == "$inside/venv/bin/acme-scan" ]] && pass || fail "acme-scan is not the venv's script"

# The same folder from both sides: the debug build here, the wheel's binary in the root.
same_output() { # what, folder, arguments...
  local what="$1" folder="$2"; shift 2
  local here there here_status=0 there_status=0
  here="$(cd "$work/$folder" && "$debug" "$@" 2>/dev/null)" || here_status=$?
  there="$(in_root sh -c 'cd "$0" && exec acme-scan "$@" 2>/dev/null' "$inside/$folder" "$@")" || there_status=$?
  if [[ "$here" == "$there" && "$here_status" == "$there_status" && -n "$here" ]]; then
    pass
  else
    fail "$what: the root's acme-scan (exit $there_status) differs from the debug build's (exit $here_status)"
    diff <(echo "$here") <(echo "$there") | head -20 >&2 || true
  fi
}
commit_all() { in_root git -C "$inside/$1" add -A && in_root git -C "$inside/$1" commit -qm "$2"; }

# Each folder is its own git repository, so that both sides read the same ignore rules.
cp -R "$repo/Fixtures/check" "$work/rules"
in_root git -C "$inside/rules" init -q -b main && commit_all rules "the rule fixtures"
same_output "check of every rule fixture" rules check --format json .
status=0; in_root sh -c 'cd "$0" && acme-scan check --format concise . > /dev/null 2>&1' "$inside/rules" || status=$?
[[ $status == 1 ]] && pass || fail "check of the must-fire fixtures exited $status, not 1"

mkdir -p "$work/project"
cp -R "$repo/Fixtures/example/acme-etl/." "$work/project/"
printf 'flows.json\n.acme-scan-cache/\n' > "$work/project/.gitignore"
in_root git -C "$inside/project" init -q -b main && commit_all project "the example project"
same_output "scan of the example project" project scan . --output -
same_output "check of the example project" project check --format json
in_root sh -c 'cd "$0" && acme-scan scan . -q' "$inside/project"
generator="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["generator"]["version"])' "$work/project/flows.json")"
[[ "$generator" == "$version" ]] && pass || fail "flows.json says generator version $generator, not $version"

in_root sh -c 'cd "$0" && acme-scan generate' "$inside/project" 2> /dev/null && commit_all project "generated files"
head="$(in_root git -C "$inside/project" rev-parse HEAD)"
if in_root sh -c 'cd "$0" && acme-scan deploy' "$inside/project" > "$work/deploy.log" 2>&1 \
  && [[ "$(grep -c '^created   dev ' "$work/deploy.log")" == 2 ]]; then
  pass
else
  cat "$work/deploy.log" >&2; fail "deploy to the local backend did not create the two deployments"
fi
if in_root sh -c 'cd "$0" && acme-scan deploy' "$inside/project" > "$work/redeploy.log" 2>&1 \
  && [[ "$(grep -c '^unchanged dev ' "$work/redeploy.log")" == 2 ]]; then
  pass
else
  cat "$work/redeploy.log" >&2; fail "a second deploy was not a no-op"
fi
in_root sh -c 'cd "$0" && acme-scan deployments --env dev --format json' "$inside/project" > "$work/deployments.json"
python3 - "$work/deployments.json" "$head" <<'PY' && pass || fail "deployments does not show both flows at $head"
import json, sys
listed = json.load(open(sys.argv[1]))["deployments"]
ok = sorted(d["flow"] for d in listed) == ["etl-daily", "nightly_refresh"] and all(
    d["commit"] == sys.argv[2] and d["environment"] == "dev" and not d["drift"] for d in listed)
sys.exit(0 if ok else f"{json.dumps(listed, indent=1)}")
PY

echo "wheel: $passed passed, $failed failed ($(basename "$wheel") in a Debian root without Swift)"
[[ $failed -eq 0 ]]
