"""Cross-checks AFX009 (imports Airflow 3 removed) against ruff's AIR301/AIR302.

ruff's own AIR301/AIR302 test fixtures are not in its PyPI sdist (only the rule
sources are), so this builds the fixtures from ruff's rule tables instead:
1. every dotted name ruff's Airflow rules match (ruff_rules.py reads the Rust sources);
2. one file per name: `from parent import name` and a use of it;
3. ruff (`--select AIR301,AIR302`) says which files it reports;
4. a real Airflow 3.3.2 says which of those imports fail (probe_imports.py);
5. acme-scan says which files it reports AFX009 for.
Required: every file ruff reports whose import really fails in Airflow 3.3.2
(an Airflow core module or name; provider modules are left out) is reported by
acme-scan (a superset of ruff for removals that break the import), and every
file acme-scan reports does fail in Airflow 3.3.2 (no false alarm).

Usage: crosscheck_ruff.py RUFF_SOURCES RUFF AIRFLOW_PYTHON ACME_SCAN
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ruff_rules  # noqa: E402

RULE_FILES = ["removal_in_3.rs", "moved_to_provider_in_3.rs", "suggested_to_update_3_0.rs",
              "suggested_to_move_to_provider_in_3.rs", "moved_in_3_1.rs"]


def candidates(sources):
    rules = os.path.join(sources, "crates", "ruff_linter", "src", "rules", "airflow", "rules")
    names = set()
    for rule_file in RULE_FILES:
        with open(os.path.join(rules, rule_file), encoding="utf-8") as handle:
            names.update(name for name, _ in ruff_rules.names_in(handle.read()))
    # `airflow` alone (a pattern on its attributes) is no import.
    return sorted(name for name in names if "." in name)


def main():
    sources, ruff, airflow_python, acme_scan = sys.argv[1:5]
    names = candidates(sources)
    probe = subprocess.run([airflow_python, os.path.join(HERE, "probe_imports.py")], input="\n".join(names),
                           capture_output=True, text=True, check=True)
    outcomes = {row["name"]: row for row in map(json.loads, probe.stdout.splitlines())}
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for index, name in enumerate(names):
            file = f"case_{index:04d}.py"
            files[file] = name
            with open(os.path.join(folder, file), "w", encoding="utf-8") as handle:
                handle.write(f"{outcomes[name]['statement']}\n\n{name.rpartition('.')[2]}\n")
        linted = subprocess.run([ruff, "check", "--isolated", "--no-cache", "--select", "AIR301,AIR302",
                                 "--output-format", "json", folder], capture_output=True, text=True)
        ruff_files = {os.path.basename(d["filename"]) for d in json.loads(linted.stdout)}
        scanned = subprocess.run([acme_scan, folder, "--output", "-", "--quiet", "--no-cache"],
                                 capture_output=True, text=True, check=True)
        acme_files = {d["file"] for d in json.loads(scanned.stdout)["diagnostics"] if d["code"] == "AFX009"}

    counts = collections.Counter()
    problems = []
    for file, name in sorted(files.items()):
        outcome = outcomes[name]["outcome"]
        breaks = outcome in ("module-missing", "name-missing")
        provider = name.startswith("airflow.providers.")
        by_ruff, by_acme = file in ruff_files, file in acme_files
        counts["ruff reports"] += by_ruff
        counts["ruff reports, the import breaks in Airflow 3.3.2 (core)"] += by_ruff and breaks and not provider
        counts["ruff reports, the import still works"] += by_ruff and not breaks
        counts["ruff reports, a provider module (left out)"] += by_ruff and breaks and provider
        counts["acme-scan reports"] += by_acme
        counts["acme-scan reports, ruff does not (AIR311/AIR312/AIR321 names gone in 3.3.2)"] += by_acme and not by_ruff
        if by_ruff and breaks and not provider and not by_acme:
            problems.append(f"ruff reports `{outcomes[name]['statement']}`, which fails in Airflow 3.3.2 "
                            f"({outcome} {outcomes[name]['detail']}); acme-scan does not")
        if by_acme and not breaks:
            problems.append(f"acme-scan reports `{outcomes[name]['statement']}`, which imports in Airflow 3.3.2")
    print(f"{len(names)} names from ruff {os.path.basename(sources)}'s Airflow rule tables")
    for key, value in counts.items():
        print(f"  {value:4d}  {key}")
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"crosscheck: {counts['ruff reports, the import breaks in Airflow 3.3.2 (core)'] - len(problems)} passed, "
          f"{len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
