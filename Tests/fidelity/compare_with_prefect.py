#!/usr/bin/env python3
"""Cross-check acme-scan's golden manifests against Prefect itself.

For every non-dynamic flow with a resolved name in Fixtures/scan/*/expected.json,
Prefect loads the flow from its entrypoint (this imports the fixture, which is
our own code, in a throwaway venv) and we compare the registered name, the
description and the full parameter schema with what acme-scan wrote without
running anything.

Usage: compare_with_prefect.py FIXTURES_DIR
Exit 0 when everything matches (or differs only where KNOWN_DIFFERENCES says
why), 1 otherwise.
"""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")

from prefect.flows import load_flow_from_entrypoint  # noqa: E402

# Cases Prefect cannot import on purpose: they test how acme-scan handles broken files.
NOT_IMPORTABLE = {
    "jinja-template": "a Jinja template saved as .py is not Python",
    "syntax-error": "the file has a syntax error; acme-scan still finds the flows around it",
    "prefect-unknown-keyword": "@flow(tags=...) raises TypeError in Prefect 3, which acme-scan reports as PFX004",
}


def required_python(case_dir):
    """A case whose syntax needs a newer Python names it in `requires-python` ("3.12").
    PyPI and Debian bookworm offer no CPython newer than the venvs' 3.11, so such cases
    are checked against the semantics the Python documentation gives, not by loading."""
    path = os.path.join(case_dir, "requires-python")
    if not os.path.exists(path):
        return None
    version = tuple(int(part) for part in open(path, encoding="utf-8").read().split(".")[:2])
    return version if sys.version_info[:2] < version else None

# (case, function) -> why acme-scan differs from an import on this machine.
KNOWN_DIFFERENCES = {
    ("prefect-schema-unknown", "unknown_types"): (
        "a default computed by a call (len('abc')) is only known by running it, and a pydantic model "
        "parameter gets Prefect's full model schema; acme-scan keeps the default's source text and emits "
        "an untyped property that accepts any value"
    ),
}


def main() -> int:
    root = sys.argv[1]
    checked = failed = 0
    for case in sorted(os.listdir(root)):
        manifest_path = os.path.join(root, case, "expected.json")
        if not os.path.exists(manifest_path):
            continue
        with open(manifest_path, encoding="utf-8") as handle:
            manifest = json.load(handle)
        if case in NOT_IMPORTABLE:
            print(f"skip {case}: {NOT_IMPORTABLE[case]}")
            continue
        if needed := required_python(os.path.join(root, case)):
            print(f"skip {case}: needs Python {needed[0]}.{needed[1]} syntax; this interpreter is "
                  f"{sys.version_info[0]}.{sys.version_info[1]}")
            continue
        flows = [flow for flow in manifest["flows"] if flow["kind"] == "prefect"]
        functions = [flow["function"] for flow in flows]
        for flow in flows:
            # Prefect can load only module-level flows, and only the last of a redefined name.
            if flow["dynamic"] or flow["name"] is None or functions.count(flow["function"]) > 1:
                continue
            entrypoint = os.path.join(root, case, flow["entrypoint"])
            checked += 1
            try:
                loaded = load_flow_from_entrypoint(entrypoint)
            except Exception as error:  # a fixture that cannot be imported is a finding too
                print(f"FAIL {case}: {flow['entrypoint']}: Prefect could not load it: {error!r}")
                failed += 1
                continue
            problems = []
            if loaded.name != flow["name"]:
                problems.append(f"name: prefect={loaded.name!r} acme-scan={flow['name']!r}")
            if (loaded.description or None) != flow["description"]:
                problems.append(f"description: prefect={loaded.description!r} acme-scan={flow['description']!r}")
            schema = loaded.parameters.model_dump_for_openapi()
            if schema != flow["parameter_schema"]:
                for key in sorted(set(schema.get("properties", {})) | set(flow["parameter_schema"]["properties"])):
                    ours = flow["parameter_schema"]["properties"].get(key)
                    theirs = schema.get("properties", {}).get(key)
                    if ours != theirs:
                        problems.append(f"schema property {key}: prefect={json.dumps(theirs, sort_keys=True)} "
                                        f"acme-scan={json.dumps(ours, sort_keys=True)}")
                for key in ("required", "definitions", "title", "type"):
                    if schema.get(key) != flow["parameter_schema"].get(key):
                        problems.append(f"schema {key}: prefect={schema.get(key)!r} "
                                        f"acme-scan={flow['parameter_schema'].get(key)!r}")
            if problems and (case, flow["function"]) in KNOWN_DIFFERENCES and not os.environ.get("SHOW_KNOWN"):
                print(f"known {case}: {flow['function']}: {KNOWN_DIFFERENCES[(case, flow['function'])]}")
                continue
            for problem in problems:
                print(f"FAIL {case}: {flow['function']}: {problem}")
            failed += bool(problems)
    print(f"fidelity: {checked - failed} passed, {failed} failed")
    return 1 if failed or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
