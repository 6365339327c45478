"""Checks acme-scan's table of imports Airflow 3 removed against a real Airflow.

Runs in the Airflow 3.3.2 venv. Reads every entry of
Sources/FlowDiscovery/Airflow/AirflowRemovedImports.swift and requires:
- importing the entry (`from parent import last`) fails there, with
  ModuleNotFoundError or ImportError for the Airflow module or name itself;
- its replacement imports, when it names one and the replacement's distribution
  is installed (apache-airflow-providers-<provider>, or Airflow itself when none
  is named); replacements in providers this venv lacks are counted, not checked.

Usage: verify_table.py TABLE.swift
Exit 0 when every entry fails and every checkable replacement imports.
"""
import importlib
import importlib.metadata
import re
import sys
import warnings

from probe_imports import probe

warnings.filterwarnings("ignore")

ENTRY = re.compile(r'^\s*E\("([\w.]+)", \.(air\d+)(?:, advice: "(?:[^"\\]|\\.)*"'
                   r'|, use: (nil|"[\w.]+"), (nil|"[\w.]+"), provider: (nil|"[\w-]+"))?\),$')


def entries(path):
    rows = []
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        if line.lstrip().startswith("E("):
            match = ENTRY.match(line.rstrip())
            if not match:
                raise SystemExit(f"{path}:{number}: an entry this check cannot read: {line.strip()}")
            text = lambda group: None if group in (None, "nil") else group.strip('"')  # noqa: E731
            rows.append((match.group(1), text(match.group(3)), text(match.group(4)), text(match.group(5)), number))
    return rows


def installed(provider):
    distribution = f"apache-airflow-providers-{provider}" if provider else "apache-airflow-core"
    try:
        importlib.metadata.version(distribution)
        return True
    except importlib.metadata.PackageNotFoundError:
        return False


def main():
    table = sys.argv[1]
    rows = entries(table)
    failures = []
    replaced = unchecked = 0
    for path, module, name, provider, line in rows:
        statement, outcome, detail = probe(path)
        if outcome not in ("module-missing", "name-missing"):
            failures.append(f"{table}:{line}: `{statement}` does not fail in Airflow 3.3.2 ({outcome} {detail})")
        if module is None:
            continue
        if not installed(provider):
            unchecked += 1
            continue
        try:
            if name is None:
                importlib.import_module(module)
            else:
                exec(f"from {module} import {name.split('.')[0]}", {})
            replaced += 1
        except Exception as error:  # noqa: BLE001 - any failure is the finding
            failures.append(f"{table}:{line}: the replacement of {path} does not import: {module} {name or ''}: {error!r}")
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"removed-imports table: {len(rows)} entries fail to import in Airflow 3.3.2 as they must; "
          f"{replaced} replacements import, {unchecked} are in providers this venv lacks")
    print(f"table: {len(rows) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
