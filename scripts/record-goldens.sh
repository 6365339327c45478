#!/usr/bin/env bash
# Re-records every golden file from the current output (`make record`), or,
# with --check, proves that doing so would change nothing (`make test`).
#
# Golden files are the files and folders under Fixtures/ whose names start
# with "expected". The tests record into a copy of Fixtures/ from which every
# golden file was deleted, so a golden file no test writes any more is
# reported (--check) or removed (record), and a test that writes anything
# else is caught. The working tree is only touched at the end of a recording.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Every suite that compares output with golden files (Fixtures.expectGolden).
# One left out here leaves its golden files unrecorded, which --check reports.
GOLDEN_TESTS='GoldenManifestTests|RuleFixtureTests|ReporterGoldenTests|GenerateGoldenTests|AdoptionGoldenTests|InitGoldenTests|AirflowSourceGoldenTests'

mode=record
if [ "${1:-}" = --check ]; then mode=check; fi

swift build --build-tests >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a Fixtures "$work/Fixtures"
find "$work/Fixtures" -name 'expected*' -prune -exec rm -rf {} +

# A recording run fails every golden test on purpose; the summary line shows it ran to the end.
ACME_RECORD=1 ACME_FIXTURES_ROOT="$work/Fixtures" swift test --skip-build --filter "$GOLDEN_TESTS" >"$work/test.log" 2>&1 || true
if ! grep -q "Test run with" "$work/test.log"; then
    cat "$work/test.log" >&2
    echo "record-goldens: the recording run did not finish; nothing changed" >&2
    exit 1
fi

if ! diff -r -x 'expected*' Fixtures "$work/Fixtures" >"$work/other.diff"; then
    cat "$work/other.diff" >&2
    echo "record-goldens: recording changed files that are not golden files; nothing changed" >&2
    exit 1
fi

if [ "$mode" = check ]; then
    if diff -ru Fixtures "$work/Fixtures" >"$work/golden.diff"; then
        echo "record-goldens: make record changes nothing" >&2
        exit 0
    fi
    cat "$work/golden.diff" >&2
    echo "record-goldens: make record would change the golden files above (\"Only in Fixtures\": no test writes it)" >&2
    exit 1
fi

# The key table of docs/configuration.md is made from the settings declarations too.
ACME_RECORD=1 swift test --skip-build --filter theDocumentedKeyTableIsMadeFromTheDeclarations >/dev/null 2>&1 || true
find Fixtures -name 'expected*' -prune -exec rm -rf {} +
(cd "$work/Fixtures" && find . -name 'expected*' -prune -print0) | while IFS= read -r -d '' golden; do
    cp -a "$work/Fixtures/$golden" "Fixtures/$golden"
done
echo "record-goldens: recorded; review the changes:" >&2
git status --short -- Fixtures docs >&2
