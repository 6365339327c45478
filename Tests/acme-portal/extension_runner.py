"""Calls one object of .acme_portal_sdk/ the way the acme-portal VS Code extension
(0.0.8) does, so the bridge is tested through the extension's own protocol:

    python extension_runner.py MODULE CLASS OUTPUT.json [KWARGS_JSON]

run in the workspace root. It puts <cwd>/.acme_portal_sdk first on sys.path,
imports acme_portal_sdk and takes CLASS from it, imports MODULE, takes the first
attribute in dir() order that is an instance of CLASS, calls it with the kwargs
decoded from the command line, and writes the result to OUTPUT.json. On any
exception it writes OUTPUT_error.json ({error_type, error_message, module_name,
class_name, traceback}) and exits 1, as the extension's runner does.
"""
import importlib
import json
import os
import sys
import traceback


def first_instance(module, cls):
    for name in dir(module):
        value = getattr(module, name)
        if isinstance(value, cls):
            return value
    return None


def main(argv):
    if len(argv) < 4:
        print(f"usage: {argv[0]} MODULE CLASS OUTPUT.json [KWARGS_JSON]", file=sys.stderr)
        return 1
    module_name, class_name, output = argv[1], argv[2], argv[3]
    error_file = output.replace(".json", "_error.json")
    kwargs = json.loads(argv[4]) if len(argv) > 4 else {}
    try:
        folder = os.path.join(os.getcwd(), ".acme_portal_sdk")
        if not os.path.exists(folder):
            raise FileNotFoundError(f".acme_portal_sdk directory not found at {folder}")
        sys.path.insert(0, folder)
        sdk = importlib.import_module("acme_portal_sdk")
        if not hasattr(sdk, class_name):
            raise AttributeError(f"Class '{class_name}' not found in acme_portal_sdk")
        module = importlib.import_module(module_name)
        target = first_instance(module, getattr(sdk, class_name))
        if target is None:
            raise ValueError(f"No instance of class '{class_name}' found in module '{module_name}'")
        result = target(**kwargs)
        with open(output, "w") as stream:
            json.dump(result, stream)
    except Exception as error:
        details = {
            "error_type": type(error).__name__,
            "error_message": str(error),
            "module_name": module_name,
            "class_name": class_name,
            "traceback": traceback.format_exc(),
        }
        with open(error_file, "w") as stream:
            json.dump(details, stream, indent=2)
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
