"""Qualified names that ruff's Airflow rules match, read from ruff's Rust source.

ruff's rule files match `qualified_name.segments()` against slice patterns:
`["airflow", "operators", "dummy" | "dummy_operator", rest @ ("A" | "B")]`,
a single-segment binding followed by `match *rest { "A" | "B" => ... }`, a
`rest @ ..` binding followed by `match &rest { ["x", "y"] => ... }`, or a
trailing `..` (the whole package). This reads those patterns and expands
them into dotted names; a trailing `..` gives the package name with
`wildcard=True`. It only needs to find candidates: ruff itself then says
which of them it reports.
"""
import itertools
import re

TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\.\.|=>|[A-Za-z_][A-Za-z_0-9]*|//[^\n]*|\S', re.S)


def tokens(source):
    return [t for t in TOKEN.findall(source) if not t.startswith("//")]


def alternatives(toks, i):
    """`"a" | "b"` -> (["a", "b"], next index)."""
    names = []
    while i < len(toks) and toks[i].startswith('"'):
        names.append(toks[i][1:-1])
        i += 1
        if i < len(toks) and toks[i] == "|" and toks[i + 1].startswith('"'):
            i += 1
        else:
            break
    return names, i


def slice_pattern(toks, i):
    """Parses `[ ... ]` from toks[i] == "["; returns (segments, tail, next index).
    segments is a list of alternative lists; tail is None, "one", "many" or "wildcard"."""
    assert toks[i] == "["
    i += 1
    segments, tail = [], None
    while toks[i] != "]":
        if toks[i].startswith('"'):
            names, i = alternatives(toks, i)
            segments.append(names)
        elif toks[i] == "..":
            tail, i = "wildcard", i + 1
        elif re.match(r"[A-Za-z_]", toks[i]) and toks[i + 1] == "@":
            if toks[i + 2] == "..":
                tail, i = "many", i + 3
            elif toks[i + 2] == "(":
                names, j = alternatives(toks, i + 3)
                segments.append(names)
                i = j + 1  # the closing parenthesis
            else:
                raise ValueError(f"unexpected binding at token {i}: {toks[i:i + 4]}")
        elif re.match(r"[A-Za-z_]", toks[i]):
            tail, i = "one", i + 1
        else:
            raise ValueError(f"unexpected token {toks[i]!r} in a slice pattern")
        if toks[i] == ",":
            i += 1
    return segments, tail, i + 1


def block_end(toks, i):
    """Index just past the brace block opening at toks[i] == "{"."""
    depth = 0
    while True:
        if toks[i] == "{":
            depth += 1
        elif toks[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1


def expand(segments):
    return [".".join(parts) for parts in itertools.product(*segments)]


def names_in(source):
    """[(dotted name, wildcard)] for every pattern naming `airflow...`."""
    toks = tokens(source)
    found = []
    i = 0
    while i < len(toks) - 1:
        if not (toks[i] == "[" and toks[i + 1] == '"airflow"'):
            i += 1
            continue
        segments, tail, i = slice_pattern(toks, i)
        prefixes = expand(segments)
        if tail == "wildcard":
            found += [(name, True) for name in prefixes]
            continue
        if tail in ("one", "many") and toks[i] == "=>" and toks[i + 1] == "match":
            # `=> match *rest {` / `=> match &rest {`: the arms complete the name.
            j = i + 1
            while toks[j] != "{":
                j += 1
            end = block_end(toks, j)
            k = j + 1
            while k < end - 1:
                if tail == "one" and toks[k].startswith('"') and toks[k - 1] in ("{", ",", "}"):
                    names, k = alternatives(toks, k)
                    found += [(f"{p}.{n}", False) for p in prefixes for n in names]
                elif tail == "many" and toks[k] == "[" and toks[k - 1] in ("{", ",", "}"):
                    inner, inner_tail, k = slice_pattern(toks, k)
                    found += [(f"{p}.{n}", inner_tail == "wildcard") for p in prefixes for n in expand(inner)]
                else:
                    k += 1
            i = end
            continue
        found += [(name, False) for name in prefixes]
    return found
