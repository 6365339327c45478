#!/usr/bin/env python3
"""Deeply nested inputs, for measuring how acme-scan and tree-sitter take them.

  bench/deep_inputs.py scan [--depth N] [--binary B]   run acme-scan on each shape: exit and ACS007
  bench/deep_inputs.py runtime [--depth N]             parse each shape with the tree-sitter runtime alone

`scan` writes one project per shape (a DAG or flow file nested N deep, an
acme.toml, a flows.json) and reports how each command ended. `runtime` builds
bench/ts_parse.c against Debian's libtree-sitter and the fetched grammar and
reports which inputs make the runtime itself abort (the crash ParserStackGuard
keeps acme-scan from). The measurements quoted in Sources/NestingLimit and
Sources/PythonTreeSitter/ParserStackGuard.swift come from these shapes.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DAG = "from airflow import DAG\nfrom airflow.operators.empty import EmptyOperator\nwith DAG('d') as dag:\n    a = EmptyOperator(task_id='a')\n"
FLOW = "from prefect import flow\n"


def python_shapes(n):
    """Name -> source, each nested n deep (closed unless the name says otherwise)."""
    m = min(n, 990)
    return {
        "parentheses": DAG + "x = " + "(" * n + "1" + ")" * n + "\n",
        "lists": DAG + "x = " + "[" * n + "1" + "]" * n + "\n",
        "dicts": DAG + "x = " + "{'a': " * n + "1" + "}" * n + "\n",
        "calls": DAG + "x = " + "f(" * n + "1" + ")" * n + "\n",
        "attributes": DAG + "x = a" + ".b" * n + "\n",
        "plus": DAG + "x = a" + " + a" * n + "\n",
        "rshift": DAG + "a" + " >> a" * n + "\n",
        "not": DAG + "x = " + "not " * n + "a\n",
        "lambda": DAG + "x = " + "lambda: " * n + "1\n",
        "conditional": DAG + "x = " + "1 if a else " * n + "1\n",
        "targets": DAG + "(" * n + "t" + ")" * n + " = EmptyOperator(task_id='t')\n",
        "flow-name": FLOW + "@flow(name=" + "(" * n + "'x'" + ")" * n + ")\ndef f(): pass\n",
        "flow-name-plus": FLOW + "@flow(name='a'" + " + 'a'" * n + ")\ndef f(): pass\n",
        "generic-annotation": FLOW + "@flow\ndef f(x: " + "list[" * n + "int" + "]" * n + "): pass\n",
        "union-annotation": FLOW + "@flow\ndef f(x: int" + " | int" * n + "): pass\n",
        "default": FLOW + "@flow\ndef f(x=" + "[" * n + "1" + "]" * n + "): pass\n",
        "syntax-error-inside": FLOW + "x = " + "(" * n + "1 $ 2" + ")" * n + "\n@flow\ndef f(): pass\n",
        # The worst stack: an @dag with a deep annotation and default, called 990 calls deep.
        "combination": ("from airflow.decorators import dag\n@dag\ndef f(x: " + "list[" * n + "int" + "]" * n + " = "
                        + "[" * n + "1" + "]" * n + "): pass\n" + "x = " + "g(" * m + "f()" + ")" * m + "\n"),
        "unclosed-parentheses": DAG + "x = " + "(" * n + "\n",
        "unfinished-not": DAG + "x = " + "not " * n,
        "unfinished-assignments": DAG + "a = " * n,
    }


def scan(arguments):
    with tempfile.TemporaryDirectory(prefix="acme-deep-") as temporary:
        root = Path(temporary)
        for name, source in python_shapes(arguments.depth).items():
            folder = root / name
            folder.mkdir()
            (folder / "deep.py").write_text(source)
            result = subprocess.run([arguments.binary, "scan", str(folder), "-o", "-", "--no-cache", "-q"],
                                    capture_output=True, env={"SWIFT_BACKTRACE": "enable=no", "PATH": "/usr/bin:/bin"})
            report(name, result)
        for name, text in {"toml-arrays": "value = " + "[" * arguments.depth + "]" * arguments.depth + "\n",
                           "toml-inline-tables": "value = " + "{a = " * arguments.depth + "1" + "}" * arguments.depth + "\n",
                           "toml-dotted-key": "a." * arguments.depth + "b = 1\n"}.items():
            folder = root / name
            folder.mkdir()
            (folder / "acme.toml").write_text("project = 'p'\n" + text)
            result = subprocess.run([arguments.binary, "generate", str(folder), "--branch", "main"], capture_output=True)
            print(f"{name:24} exit {result.returncode:4}  {result.stderr.decode(errors='replace').strip().splitlines()[:1]}")


def report(name, result):
    if result.returncode != 0:
        print(f"{name:24} exit {result.returncode:4}")
        return
    manifest = json.loads(result.stdout)
    found = [f"{d['code']} {d['line']}:{d['column']}" for d in manifest["diagnostics"] if d["code"] == "ACS007"]
    print(f"{name:24} exit    0  {len(manifest['flows'])} flows  {', '.join(found) or 'no ACS007'}")


def runtime(arguments):
    grammar = REPO / "grammars/tree-sitter-python/src"
    with tempfile.TemporaryDirectory(prefix="acme-ts-") as temporary:
        program = Path(temporary) / "ts_parse"
        subprocess.run(["cc", "-O1", "-o", str(program), str(REPO / "bench/ts_parse.c"), str(grammar / "parser.c"),
                        str(grammar / "scanner.c"), f"-I{grammar}", "-ltree-sitter"], check=True)
        for name, source in python_shapes(arguments.depth).items():
            path = Path(temporary) / "input.py"
            path.write_text(source)
            result = subprocess.run([str(program), str(path)], capture_output=True)
            verdict = "ok" if result.returncode == 0 else f"ABORT (signal {-result.returncode})"
            print(f"{name:24} {verdict}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["scan", "runtime"])
    parser.add_argument("--depth", type=int, default=100_000)
    parser.add_argument("--binary", default=str(REPO / ".build-release/acme-scan"))
    arguments = parser.parse_args()
    (scan if arguments.mode == "scan" else runtime)(arguments)


if __name__ == "__main__":
    sys.exit(main())
