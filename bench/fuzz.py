#!/usr/bin/env python3
"""Feeds acme-scan mutated DAG and flow files and mutated acme.toml files.

Each run builds a small project in a temporary folder: one of the generate
fixtures (its flows and acme.toml) or a real DAG / flow file (from the scan
fixtures and the corpora bench/ and Tests/realworld fetch) beside a fixture
acme.toml; mutates a Python file, the configuration, or both (byte flips,
insertions, deletions, truncation, splices from another file, duplicated
lines and slices, deep nesting inserted anywhere, unclosed brackets); and
runs `acme-scan scan`, `check` and `generate` on it, each with a timeout.

A run that ends by a signal (a crash) or outlives the timeout (a hang) is
kept under the findings folder with its project, the command, the tail of
stderr and a repro.sh. Usage: bench/fuzz.sh SECONDS (see there).
"""
import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMANDS = {
    "scan": ["scan", ".", "-o", "-", "--no-cache", "-q"],
    "check": ["check", ".", "--no-cache", "--format", "concise"],
    "generate": ["generate", ".", "--branch", "main", "--commit", "0123456789abcdef0123456789abcdef01234567",
                 "--remote", "https://example.invalid/repo.git", "--force"],
}
# Exit codes the commands document; anything else (but a signal) is noted, not kept.
DOCUMENTED = {0, 1, 2}
MAX_SEED_BYTES = 200_000

NESTING = [
    ("(", ")"), ("[", "]"), ("{'k': ", "}"), ("f(", ")"), ("not ", ""), ("-", ""), ("lambda: ", ""),
    ("1 if a else ", ""), ("a.", ""), ("a + ", ""), ("a >> ", ""), ("list[", "]"), ("x = ", ""), ("await ", ""),
    ("f'{", "}'"), ("int | ", ""),
]
TOML_NESTING = [("[", "]"), ("{a = ", "}"), ("a.", "")]
DEPTHS = [3, 50, 201, 999, 1001, 3000, 10_001, 70_000]


@dataclass
class Seed:
    name: str
    data: bytes


def seeds():
    """Python seeds (files that could define a flow or DAG) and TOML seeds, read
    once, so a session does not depend on the files staying put."""
    python, toml = [], []
    roots = [REPO / "Fixtures/scan", REPO / "Fixtures/generate", REPO / "Fixtures/check"]
    pypi = REPO / ".cache/pypi"
    if pypi.is_dir():
        roots += sorted(pypi.iterdir())
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if len(data) <= MAX_SEED_BYTES and ((b"prefect" in data and b"flow" in data) or
                                                (b"airflow" in data and (b"DAG" in data or b"dag" in data))):
                python.append(Seed(path.name, data))
    toml = [Seed(path.name, path.read_bytes()) for path in sorted((REPO / "Fixtures/generate").rglob("*.toml"))]
    projects = sorted(p for p in (REPO / "Fixtures/generate").iterdir() if p.is_dir())
    return python, toml, projects


def mutate(data: bytes, rng: random.Random, donors, nesting) -> bytes:
    """One to four random mutations."""
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(9)
        position = rng.randint(0, len(data)) if data else 0
        if choice == 0 and data:  # flip bits
            index = rng.randrange(len(data))
            data = data[:index] + bytes([data[index] ^ (1 << rng.randrange(8))]) + data[index + 1:]
        elif choice == 1:  # insert interesting bytes
            blob = rng.choice([b"\x00", b"\xff", b"\xe9", b"(", b")", b"[", b"]", b"{", b"}", b":", b"\n", b"\t", b"\\",
                               b"'", b'"', b'"""', b"#", b"=", b",", b" " * rng.randint(1, 300), b"\r\n", b"\xf0\x9f\x98\x80"])
            data = data[:position] + blob * rng.randint(1, 8) + data[position:]
        elif choice == 2 and data:  # delete a slice
            end = min(len(data), position + rng.randint(1, 200))
            data = data[:position] + data[end:]
        elif choice == 3:  # truncate
            data = data[:position]
        elif choice == 4 and donors:  # splice from another seed
            donor = rng.choice(donors).data
            if donor:
                start = rng.randrange(len(donor))
                data = data[:position] + donor[start:start + rng.randint(1, 2000)] + data[position:]
        elif choice == 5 and data:  # duplicate a line many times
            lines = data.split(b"\n")
            line = rng.choice(lines)
            index = rng.randrange(len(lines))
            lines[index:index] = [line] * rng.choice([2, 10, 1000, 20_000])
            data = b"\n".join(lines)
        elif choice == 6 and data:  # duplicate a slice (a token, an expression)
            end = min(len(data), position + rng.randint(1, 40))
            data = data[:end] + data[position:end] * rng.choice([2, 50, 5000]) + data[end:]
        elif choice == 7:  # deep nesting, closed or not
            opening, closing = rng.choice(nesting)
            depth = rng.choice(DEPTHS)
            inner = rng.choice([b"1", b"x", b"'s'", b""])
            closed = closing.encode() * depth if rng.random() < 0.7 else b""
            data = data[:position] + opening.encode() * depth + inner + closed + data[position:]
        else:  # swap two lines
            lines = data.split(b"\n")
            if len(lines) > 1:
                a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[a], lines[b] = lines[b], lines[a]
                data = b"\n".join(lines)
    return data


def build_project(folder: Path, rng: random.Random, python, toml, projects):
    """Writes one mutated project; returns the files it mutated."""
    mutated = []
    if rng.random() < 0.4:
        template = rng.choice(projects)
        shutil.copytree(template, folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("expected*", "acme-scan.args"))
        targets = [p for p in folder.rglob("*.py")]
        configs = [p for p in folder.glob("*.toml")]
    else:
        seed = rng.choice(python)
        target = folder / "flows" / seed.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(seed.data)
        config = rng.choice(toml)
        (folder / config.name).write_bytes(config.data)
        targets, configs = [target], [folder / config.name]
    what = rng.random()
    if (what < 0.75 or not configs) and targets:
        path = rng.choice(targets)
        path.write_bytes(mutate(path.read_bytes(), rng, python, NESTING))
        mutated.append(path)
    if (what >= 0.6 or not targets) and configs:
        path = rng.choice(configs)
        path.write_bytes(mutate(path.read_bytes(), rng, toml, TOML_NESTING))
        mutated.append(path)
    return mutated


def run(binary: str, command: str, folder: Path, timeout: float):
    """(outcome, returncode, stderr tail): outcome is ok, crash or hang."""
    environment = dict(os.environ, NO_COLOR="1")
    process = subprocess.Popen([binary] + COMMANDS[command], cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=environment,
                               start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate()
        return "hang", None, stderr[-4000:]
    if process.returncode < 0:
        return "crash", process.returncode, stderr[-8000:]
    return "ok", process.returncode, stderr[-2000:]


def signature(command: str, outcome: str, code, stderr: bytes) -> str:
    """Findings with the same command, signal and first frame of ours count once."""
    frame = ""
    for line in stderr.decode("utf-8", "replace").splitlines():
        if " in acme-scan at " in line:
            frame = line.split(" in acme-scan at ")[0].split("]")[-1].strip()
            frame = frame.split(" + ")[0].split(None, 1)[-1]
            break
    return f"{command}:{outcome}:{code}:{frame}"


def keep(findings: Path, project: Path, command: str, outcome: str, code, stderr: bytes, binary: str, number: int):
    folder = findings / f"{time.strftime('%Y%m%d-%H%M%S')}-{number}-{command}-{outcome}"
    shutil.copytree(project, folder / "project")
    (folder / "stderr.txt").write_bytes(stderr)
    (folder / "why.txt").write_text(f"{outcome} (exit {code}) running: acme-scan {' '.join(COMMANDS[command])}\n")
    script = folder / "repro.sh"
    script.write_text("#!/usr/bin/env bash\n# Reproduces the finding: runs acme-scan on the kept project.\n"
                      f"cd \"$(dirname \"$0\")/project\" && exec \"${{ACME_SCAN:-{binary}}}\" "
                      + " ".join(f"'{argument}'" for argument in COMMANDS[command]) + "\n")
    script.chmod(0o755)
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--findings", type=Path, default=REPO / "bench/fuzz-findings")
    parser.add_argument("--timeout", type=float, default=20, help="per command, seconds")
    parser.add_argument("--seed", type=int, default=None)
    arguments = parser.parse_args()
    arguments.binary = str(Path(arguments.binary).resolve())

    seed = arguments.seed if arguments.seed is not None else int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    python, toml, projects = seeds()
    if not python or not toml:
        sys.exit("fuzz: no seed files found under Fixtures/ (and .cache/pypi/)")
    print(f"fuzz: seed {seed}; {len(python)} Python and {len(toml)} TOML seeds; {arguments.seconds:.0f} s", file=sys.stderr)

    arguments.findings.mkdir(parents=True, exist_ok=True)
    counts = {"executions": 0, "projects": 0, "crash": 0, "hang": 0, "undocumented exit": 0}
    seen: dict[str, int] = {}
    kept = []
    deadline = time.monotonic() + arguments.seconds
    while time.monotonic() < deadline:
        with tempfile.TemporaryDirectory(prefix="acme-fuzz-") as temporary:
            project = Path(temporary) / "project"
            project.mkdir()
            build_project(project, rng, python, toml, projects)
            counts["projects"] += 1
            for command in COMMANDS:
                if time.monotonic() >= deadline:
                    break
                outcome, code, stderr = run(arguments.binary, command, project, arguments.timeout)
                counts["executions"] += 1
                if outcome == "ok":
                    if code not in DOCUMENTED:
                        counts["undocumented exit"] += 1
                    continue
                counts[outcome] += 1
                key = signature(command, outcome, code, stderr)
                seen[key] = seen.get(key, 0) + 1
                if seen[key] <= 3:
                    kept.append(keep(arguments.findings, project, command, outcome, code, stderr, arguments.binary,
                                     counts["executions"]))
                    print(f"fuzz: {outcome} in {command} ({key}) kept in {kept[-1]}", file=sys.stderr)
    print(f"fuzz: {counts['executions']} executions on {counts['projects']} projects; "
          f"{counts['crash']} crashes, {counts['hang']} hangs ({len(seen)} distinct), "
          f"{counts['undocumented exit']} undocumented exit codes; {len(kept)} kept in {arguments.findings}",
          file=sys.stderr)
    return 1 if seen else 0


if __name__ == "__main__":
    sys.exit(main())
