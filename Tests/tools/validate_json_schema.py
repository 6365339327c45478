#!/usr/bin/env python3
"""Validate JSON files against a JSON Schema (Draft 2020-12).

Usage: validate_json_schema.py SCHEMA FILE...
Exit 0 when every file is valid, 1 when any is not, 2 when jsonschema is missing.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python package 'jsonschema' is missing: run 'make setup' (pip install jsonschema)", file=sys.stderr)
    sys.exit(2)


def main() -> int:
    schema_path, *files = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    failed = 0
    for path in files:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            location = "/".join(str(part) for part in error.absolute_path)
            print(f"{path}: /{location}: {error.message}")
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
