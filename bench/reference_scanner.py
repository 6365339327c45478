#!/usr/bin/env python3
"""Reference Prefect flow scanner written with Python's `ast`: the baseline
acme-scan is benchmarked against, and an independent cross-check of its results.

It applies the same detection rules as acme-scan (names resolved through
imports in source order, decorator and call forms, with_options, literal and
constant names, Prefect's default name, dynamic flows), but parses every `.py`
file with `ast` on one core, as a straightforward Python tool would.
`--prefilter` adds acme-scan's byte pre-filter (`prefect` and `flow`/`Flow`
must both occur), for a like-for-like ratio.

Usage: reference_scanner.py [--prefilter] [--json] ROOT
Prints one line per flow: file<TAB>function<TAB>name<TAB>line (or JSON).
"""
import ast
import json
import os
import sys

SKIPPED = {".git", ".hg", ".svn", "__pycache__", "node_modules", "site-packages"}
FACTORIES = {"prefect.flow", "prefect.flows.flow", "prefect.Flow", "prefect.flows.Flow"}


def python_files(root):
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not os.path.exists(os.path.join(folder, d, "pyvenv.cfg")))
        for name in sorted(files):
            if name.endswith(".py"):
                yield os.path.join(folder, name)


class Scope:
    """Bindings of one scope in source order: (line, kind, value)."""

    def __init__(self, parent=None, is_class=False):
        self.parent, self.is_class, self.bindings = parent, is_class, {}

    def bind(self, name, line, kind, value):
        self.bindings.setdefault(name, []).append((line, kind, value))

    def lookup(self, name, before=None):
        entries = [e for e in self.bindings.get(name, []) if before is None or e[0] < before]
        if entries:
            return entries[-1]
        outer = self.parent
        while outer is not None and outer.is_class:
            outer = outer.parent
        return outer.lookup(name) if outer else None


def collect(scope, body):
    for node in body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    scope.bind(alias.asname, node.lineno, "module", alias.name)
                else:
                    first = alias.name.split(".")[0]
                    scope.bind(first, node.lineno, "module", first)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            for alias in node.names:
                target = module + alias.name if module.endswith(".") else module + "." + alias.name
                scope.bind(alias.asname or alias.name, node.lineno, "imported", target)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            line = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            scope.bind(node.name, line, "function", node)
        elif isinstance(node, ast.ClassDef):
            scope.bind(node.name, node.lineno, "class", node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    scope.bind(target.id, node.lineno, "value", node.value)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try)):
            for field in ("body", "orelse", "finalbody"):
                collect(scope, getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                collect(scope, handler.body)


def qualified(node, scope, line, depth=0):
    if depth > 16:
        return None
    if isinstance(node, ast.Name):
        entry = scope.lookup(node.id, line)
        if entry is None:
            return None
        _, kind, value = entry
        if kind in ("module", "imported"):
            return value
        if kind == "value" and isinstance(value, (ast.Name, ast.Attribute)):
            return qualified(value, scope, value.lineno, depth + 1)
        return None
    if isinstance(node, ast.Attribute):
        base = qualified(node.value, scope, line, depth + 1)
        return base + "." + node.attr if base else None
    return None


def literal(node, scope, line, depth=0):
    """Static value of an expression, or raise ValueError."""
    if depth > 32:
        raise ValueError
    if isinstance(node, ast.Constant) and not isinstance(node.value, bytes):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value)
            elif isinstance(value, ast.FormattedValue) and value.conversion in (-1, 115) and value.format_spec is None:
                parts.append(str(literal(value.value, scope, line, depth + 1)))
            else:
                raise ValueError
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return literal(node.left, scope, line, depth + 1) + literal(node.right, scope, line, depth + 1)
    if isinstance(node, ast.Name):
        entry = scope.lookup(node.id, line)
        if entry and entry[1] == "value":
            return literal(entry[2], scope, entry[2].lineno, depth + 1)
        raise ValueError
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [literal(e, scope, line, depth + 1) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {literal(k, scope, line, depth + 1): literal(v, scope, line, depth + 1) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -literal(node.operand, scope, line, depth + 1)
    raise ValueError


class FileScanner:
    def __init__(self, path):
        self.path, self.flows, self.known = path, [], {}

    def flow(self, function, name, line, dynamic, scope_id, binding, definition=None):
        # Docstring and parameters too, so both tools do comparable work per flow.
        description = ast.get_docstring(definition, clean=True) if definition else None
        parameters = [a.arg for a in definition.args.posonlyargs + definition.args.args + definition.args.kwonlyargs] \
            if definition else []
        self.flows.append({"file": self.path, "function": function, "name": name, "line": line, "dynamic": dynamic,
                           "description": description, "parameters": parameters})
        self.known.setdefault(scope_id, {})[binding] = name

    def name_from(self, keywords, scope, line, default):
        for keyword in keywords:
            if keyword.arg == "name":
                try:
                    value = literal(keyword.value, scope, line)
                except (ValueError, TypeError):
                    return None
                return default if value is None else value
        return default

    def visit(self, body, scope, path, dynamic):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                line = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                for decorator in node.decorator_list:
                    callee = decorator.func if isinstance(decorator, ast.Call) else decorator
                    if qualified(callee, scope, line) in FACTORIES:
                        keywords = decorator.keywords if isinstance(decorator, ast.Call) else []
                        name = self.name_from(keywords, scope, line, node.name.replace("_", "-"))
                        self.flow(".".join(path + [node.name]), name, line, dynamic, id(scope), node.name, node)
                        break
                inner = Scope(scope)
                collect(inner, node.body)
                for argument in node.args.posonlyargs + node.args.args + node.args.kwonlyargs:
                    inner.bind(argument.arg, node.lineno, "opaque", None)
                self.visit(node.body, inner, path + [node.name, "<locals>"], dynamic or "function")
            elif isinstance(node, ast.ClassDef):
                inner = Scope(scope, is_class=True)
                collect(inner, node.body)
                self.visit(node.body, inner, path + [node.name], dynamic)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.assignment(node, scope, path, dynamic)
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
                self.visit(node.body + node.orelse, scope, path, dynamic or "loop")
            elif isinstance(node, (ast.If, ast.With, ast.AsyncWith, ast.Try)):
                for field in ("body", "orelse", "finalbody"):
                    self.visit(getattr(node, field, []), scope, path, dynamic)
                for handler in getattr(node, "handlers", []):
                    self.visit(handler.body, scope, path, dynamic)

    def assignment(self, node, scope, path, dynamic):
        target, value, line = node.targets[0].id, node.value, node.lineno
        if not isinstance(value, ast.Call):
            return
        function = ".".join(path + [target])
        wrapped = keywords = None
        if qualified(value.func, scope, line) in FACTORIES and value.args:
            wrapped, keywords = value.args[0], value.keywords
        elif isinstance(value.func, ast.Call) and qualified(value.func.func, scope, line) in FACTORIES \
                and not value.func.args and value.args:
            wrapped, keywords = value.args[0], value.func.keywords
        elif isinstance(value.func, ast.Attribute) and value.func.attr == "with_options" \
                and isinstance(value.func.value, ast.Name):
            base_name = self.known_flow(value.func.value.id, scope)
            if base_name is not False:
                self.flow(function, self.name_from(value.keywords, scope, line, base_name), line, dynamic, id(scope), target)
            return
        if wrapped is None:
            return
        default = None
        if isinstance(wrapped, ast.Name):
            entry = scope.lookup(wrapped.id, line)
            if entry and entry[1] == "function":
                default = entry[2].name.replace("_", "-")
            elif entry and entry[1] == "imported":
                default = entry[2].split(".")[-1].replace("_", "-")
        elif isinstance(wrapped, ast.Lambda):
            default = "<lambda>"
        self.flow(function, self.name_from(keywords, scope, line, default), line, dynamic, id(scope), target)

    def known_flow(self, name, scope):
        current = scope
        while current is not None:
            if name in self.known.get(id(current), {}):
                return self.known[id(current)][name]
            current = current.parent
        return False


def scan(root, prefilter):
    flows = []
    for path in python_files(root):
        with open(path, "rb") as handle:
            data = handle.read()
        if prefilter and (b"prefect" not in data or (b"flow" not in data and b"Flow" not in data)):
            continue
        try:
            tree = ast.parse(data)
        except (SyntaxError, ValueError):
            continue
        module = Scope()
        collect(module, tree.body)
        scanner = FileScanner(os.path.relpath(path, root).replace(os.sep, "/"))
        scanner.visit(tree.body, module, [], None)
        for flow in scanner.flows:
            flow["dynamic"] = bool(flow["dynamic"])
            flows.append(flow)
    return flows


def main():
    args = sys.argv[1:]
    prefilter = "--prefilter" in args
    as_json = "--json" in args
    root = [a for a in args if not a.startswith("--")][0]
    flows = scan(root, prefilter)
    if as_json:
        json.dump(flows, sys.stdout, sort_keys=True, indent=1)
    else:
        for flow in flows:
            print(f"{flow['file']}\t{flow['function']}\t{flow['name']}\t{flow['line']}")


if __name__ == "__main__":
    main()
