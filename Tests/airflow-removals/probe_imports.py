"""Runs in the Airflow venv: what does each `from M import N` do there?

Reads dotted names (one per line) on stdin and prints one JSON object per
line: {"name", "statement", "outcome", "detail"} where outcome is
  ok             the import works
  module-missing ModuleNotFoundError for an airflow module (the module was removed)
  name-missing   the module imports but has no such name (ImportError)
  not-an-import  the name is an attribute of a class, so no import statement names it
  other          the import fails for another reason (a missing third-party package, ...)
Only import statements run: the same statements a DAG file would run.
"""
import importlib
import json
import sys
import warnings

warnings.filterwarnings("ignore")


def probe(name):
    parent, _, last = name.rpartition(".")
    statement = f"from {parent} import {last}" if parent else f"import {name}"
    try:
        exec(statement, {})
        return statement, "ok", ""
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if missing.startswith("airflow"):
            # `from airflow.x.Class import y`: Class is a class of an existing module, not a module.
            grand, _, member = missing.rpartition(".")
            try:
                owner = importlib.import_module(grand)
                if hasattr(owner, member) and not hasattr(getattr(owner, member), "__path__"):
                    return statement, "not-an-import", f"{missing} is not a module"
            except Exception:
                pass
            return statement, "module-missing", missing
        return statement, "other", repr(error)
    except ImportError as error:
        return statement, "name-missing", str(error).split(" (")[0]
    except Exception as error:  # noqa: BLE001 - any other failure is reported, not fatal
        return statement, "other", repr(error)


if __name__ == "__main__":
    for line in sys.stdin:
        name = line.strip()
        if name:
            statement, outcome, detail = probe(name)
            print(json.dumps({"name": name, "statement": statement, "outcome": outcome, "detail": detail}), flush=True)
