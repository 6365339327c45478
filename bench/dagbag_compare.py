#!/usr/bin/env python3
"""Compare acme-scan's Airflow DAGs with what Airflow's own DagBag loads.

For each folder, Airflow's DagBag imports every file (in a throwaway
AIRFLOW_HOME, examples off) and acme-scan scans the same folder without
importing anything. For every DAG Airflow loads, the dag_id, task_ids and
edges must be identical in acme-scan's manifest (as a registered DAG of the
same file), and acme-scan must not claim DAGs Airflow does not register from
any file (a file that fails to import registers nothing). A DAG whose manifest
entry says `tasks_known: false` (cosmos builds some tasks from a dbt project at
import) is compared where it can be: with every unlisted group prefixed,
Airflow's tasks under a group's prefix count as that group, and the rest
(tasks, edges, what feeds and leaves each group) must be identical; otherwise
the listed tasks and edges must be among Airflow's. Differences listed in dagbag_known_differences.txt
(dag_id, then the reason) are reported but do not fail the run.

Usage: dagbag_compare.py ACME_SCAN_BINARY FOLDER...
Exit 0 when nothing but known differences remains.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import warnings

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))


def known_differences():
    """`dag:<dag_id> reason` excuses one DAG; `task:<task_id> reason` excuses every
    missing task of that id and the edges touching it (a task made by code in
    another module, which a per-file reader cannot see)."""
    known = {}
    path = os.path.join(HERE, "dagbag_known_differences.txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if line and not line.startswith("#"):
                    key, _, reason = line.partition(" ")
                    known[key] = reason.strip()
    return known


def airflow_view(folder):
    from airflow.dag_processing.dagbag import DagBag

    # Airflow puts the DAG folder on sys.path, so DAG files import their helpers from it.
    sys.path.insert(0, folder)
    try:
        bag = DagBag(dag_folder=folder, safe_mode=True)
    finally:
        sys.path.remove(folder)
    dags = {}
    # A task_id may be a str-based enum (TriggerRule): compare plain strings.
    plain = lambda value: value.value if hasattr(value, "value") else str(value)  # noqa: E731
    for dag_id, dag in bag.dags.items():
        edges = sorted((plain(task.task_id), plain(down)) for task in dag.tasks for down in task.downstream_task_ids)
        dags[dag_id] = {
            "file": os.path.relpath(dag.fileloc, folder),
            "tasks": sorted(plain(task_id) for task_id in dag.task_ids),
            "edges": edges,
        }
    errors = {os.path.relpath(path, folder): import_error_cause(trace) for path, trace in bag.import_errors.items()}
    return dags, errors


def import_error_cause(trace):
    """"environment" when the import fails for want of something this venv lacks (a package,
    a provider, a test helper): no reading of the file could know that. Else "code": a syntax
    error, a TypeError, an Airflow core module or name that no longer exists."""
    last = trace.strip().splitlines()[-1]
    match = re.search(r"No module named '([\w.]+)'|cannot import name '\w+' from '([\w.]+)'", last)
    # pytest.skip(allow_module_level=True) after a failed optional import, as system tests do.
    if "OptionalProviderFeatureException" in last or last.startswith("Skipped:"):
        return "environment"
    if match:
        module = match.group(1) or match.group(2)
        core = module == "airflow" or module.startswith("airflow.") and not module.startswith("airflow.providers.")
        return "code" if core else "environment"
    return "code"


def case_arguments(folder):
    """A fixture case may carry acme-scan options in acme-scan.args."""
    path = os.path.join(folder, "acme-scan.args")
    return open(path, encoding="utf-8").read().split() if os.path.exists(path) else []


def acme_view(binary, folder):
    # --no-cache: the fixtures are scanned in place, and a cache left there would travel with copies of them.
    command = [binary, folder, "--output", "-", "--quiet", "--no-cache", *case_arguments(folder)]
    output = subprocess.run(command, capture_output=True, text=True, check=True)
    # The byte pre-filter must lose nothing: parsing every file gives the same manifest.
    unfiltered = subprocess.run(command + ["--no-prefilter"], capture_output=True, text=True, check=True)
    if unfiltered.stdout != output.stdout:
        raise SystemExit(f"{folder}: the manifest differs with --no-prefilter: the pre-filter loses something")
    manifest = json.loads(output.stdout)
    dags = {}
    for flow in manifest["flows"]:
        if flow["kind"] != "airflow":
            continue
        airflow = flow["airflow"]
        entry = {
            "file": flow["file"],
            "registered": airflow["registered"],
            "tasks": sorted(task["task_id"] for task in airflow["tasks"]),
            "edges": sorted((edge["upstream"], edge["downstream"]) for edge in airflow["edges"]),
            "unlisted": airflow.get("unlisted_tasks", []),
        }
        dags.setdefault(flow["name"], []).append(entry)
    return dags


def comparable(dag, entry):
    """Airflow's tasks and edges, and acme-scan's, in the terms acme-scan can know.

    Returns (theirs, ours, exact): with every unlisted group prefixed, Airflow's
    tasks under a group's prefix become the group, and both sides must match
    exactly; otherwise acme-scan's listed tasks and edges need only be Airflow's."""
    unlisted = entry["unlisted"]
    if not unlisted:
        return (dag["tasks"], dag["edges"]), (entry["tasks"], entry["edges"]), True
    if any(source["prefix"] is None for source in unlisted):
        known_tasks = [task for task in dag["tasks"] if task in set(entry["tasks"])]
        known_edges = [edge for edge in dag["edges"] if tuple(edge) in set(map(tuple, entry["edges"]))]
        return (known_tasks, known_edges), (entry["tasks"], entry["edges"]), False
    prefixes = sorted(((source["prefix"], source["group_id"]) for source in unlisted), key=lambda p: -len(p[0]))

    def unit(task):
        return next((group for prefix, group in prefixes if task.startswith(prefix)), task)

    groups = {group for _, group in prefixes}
    tasks = sorted({unit(task) for task in dag["tasks"]} - groups)
    edges = sorted({(unit(up), unit(down)) for up, down in dag["edges"] if unit(up) != unit(down)})
    ours_edges = set(map(tuple, entry["edges"]))
    for source in unlisted:
        ours_edges |= {(up, source["group_id"]) for up in source["upstream"]}
        ours_edges |= {(source["group_id"], down) for down in source["downstream"]}
    return (tasks, edges), (entry["tasks"], sorted(ours_edges)), True


def compare(binary, folder, known):
    arguments = case_arguments(folder)
    syntax = "regexp" if "--airflow-version" in arguments and arguments[arguments.index("--airflow-version") + 1] == "2" else "glob"
    os.environ["AIRFLOW__CORE__DAG_IGNORE_FILE_SYNTAX"] = syntax
    theirs, errors = airflow_view(folder)
    ours = acme_view(binary, folder)
    problems = []
    known_matched = []
    unlisted = []
    matched = 0
    for dag_id, dag in sorted(theirs.items()):
        candidates = [e for e in ours.get(dag_id, []) if e["registered"] and e["file"] == dag["file"]]
        if not candidates:
            problems.append((dag_id, f"{dag['file']}: Airflow loads DAG {dag_id!r}; acme-scan has no registered entry"))
            continue
        entry = candidates[-1]
        (their_tasks, their_edges), (our_tasks, our_edges), exact = comparable(dag, entry)
        issues, excused = [], set()
        missing_tasks = set(their_tasks) - set(our_tasks)
        excused = {task for task in missing_tasks if f"task:{task}" in known}
        missing_tasks -= excused
        extra_tasks = set(our_tasks) - set(their_tasks)
        if missing_tasks or extra_tasks:
            issues.append(f"task_ids: missing {sorted(missing_tasks)[:6]} extra {sorted(extra_tasks)[:6]}")
        ours_edges = set(map(tuple, our_edges))
        missing_edges = {e for e in set(map(tuple, their_edges)) - ours_edges if not (set(e) & excused)}
        extra_edges = ours_edges - set(map(tuple, their_edges))
        if missing_edges or extra_edges:
            issues.append(f"edges: missing {sorted(missing_edges)[:4]} extra {sorted(extra_edges)[:4]}")
        if issues:
            problems.append((dag_id, f"{dag['file']}: {dag_id}: " + "; ".join(issues)))
        elif entry["unlisted"]:
            unlisted.append(f"{dag['file']}: {dag_id}: identical where acme-scan can know"
                            + ("" if exact else " (its listed tasks and edges are Airflow's)")
                            + f"; {len(dag['tasks'])} tasks in Airflow, {len(entry['tasks'])} listed")
        elif excused:
            known_matched.append(f"{dag['file']}: {dag_id}: identical but for " + ", ".join(sorted(excused)))
        else:
            matched += 1
    environment = 0
    for dag_id, entries in sorted(ours.items(), key=lambda item: str(item[0])):
        for entry in entries:
            # A dag_id acme-scan could not resolve (None) is reported as such, not compared.
            if dag_id is None or not entry["registered"] or dag_id in theirs:
                continue
            if errors.get(entry["file"]) == "environment":
                environment += 1
            else:
                # A file that fails to import registers nothing: claiming its DAGs is a difference too.
                why = "the file fails to import there" if entry["file"] in errors else "Airflow does not"
                problems.append((dag_id, f"{entry['file']}: acme-scan registers {dag_id!r}; {why}"))
    failed = 0
    for message in unlisted:
        print(f"  dbt    {message}")
    for message in known_matched:
        print(f"  known  {message}")
    for dag_id, message in problems:
        if f"dag:{dag_id}" in known:
            print(f"  known  {message}  ({known['dag:' + dag_id]})")
        else:
            print(f"  DIFF   {message}")
            failed += 1
    if not theirs and not ours:
        return 0, 0
    print(f"{folder}: Airflow loaded {len(theirs)} DAGs ({len(errors)} files with import errors); "
          f"{matched} identical, {len(unlisted)} identical where tasks are listed (cosmos), "
          f"{len(known_matched)} identical but for known tasks, {failed} unexplained differences"
          + (f"; {environment} DAGs in files that need packages this venv lacks, not compared" if environment else ""))
    return matched + len(unlisted) + len(known_matched), failed


def expand(folders):
    """A folder of fixture cases (each with expected.json) is compared case by case."""
    for folder in folders:
        cases = sorted(os.path.join(folder, name) for name in os.listdir(folder)
                       if os.path.exists(os.path.join(folder, name, "expected.json")))
        for case in cases:
            if needed := required_python(case):
                print(f"  skip   {os.path.basename(case)}: needs Python {needed} syntax; Airflow's venv runs "
                      f"{sys.version_info[0]}.{sys.version_info[1]} (checked against Python's documented semantics)")
            else:
                yield case
        if not cases:
            yield folder


def required_python(case):
    """The `requires-python` of a fixture case ("3.12") when this interpreter is older.
    PyPI and Debian bookworm offer no CPython newer than the venv's 3.11."""
    path = os.path.join(case, "requires-python")
    if not os.path.exists(path):
        return None
    text = open(path, encoding="utf-8").read().strip()
    return text if sys.version_info[:2] < tuple(int(part) for part in text.split(".")[:2]) else None


def main():
    binary, *folders = sys.argv[1:]
    folders = list(expand(folders))
    with tempfile.TemporaryDirectory() as home:
        os.environ.update({
            "AIRFLOW_HOME": home,
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "True",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "CRITICAL",
        })
        known = known_differences()
        total_matched = total_failed = 0
        for folder in folders:
            matched, failed = compare(binary, folder, known)
            total_matched += matched
            total_failed += failed
    print(f"dagbag: {total_matched} passed, {total_failed} failed")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
