#!/usr/bin/env python3
"""Times acme-scan, the Python reference and ruff on one corpus in one run.

Each command runs --runs times after one warm-up (so every tool reads from a
warm page cache), interleaved round-robin; the median wall time is reported. Peak memory is the
largest resident set of an acme-scan run, read with getrusage.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time


def run_once(command, cwd=None):
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=cwd)
    return time.perf_counter() - started


def timed_all(commands, runs, cwd=None, before=None):
    """Median time of each command. Runs go round-robin (a, b, c, a, b, c, ...) so
    that drift in the machine's speed affects every command alike. `before` maps a
    command's name to a function called (untimed) before each of its runs."""
    before = before or {}
    for name, command in commands.items():
        before.get(name, lambda: None)()
        run_once(command, cwd)  # warm-up: every tool reads from a warm page cache
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            before.get(name, lambda: None)()
            times[name].append(run_once(command, cwd))
    return {name: statistics.median(values) for name, values in times.items()}


def peak_rss_mib(command):
    """Max RSS of one run of `command`, measured in a fresh child of a fresh process."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def corpus_stats(root):
    files = size = 0
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".py"):
                files += 1
                size += os.path.getsize(os.path.join(folder, name))
    return files, size / 1e6


def parse_arguments(extra=lambda parser: None):
    """The options bench/run.sh passes to every measuring script; paths made absolute.
    `extra` adds a script's own options."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--acme-scan", required=True)
    parser.add_argument("--reference", required=True)
    parser.add_argument("--ruff", required=True)
    extra(parser)
    args = parser.parse_args()
    args.acme_scan, args.ruff, args.corpus = map(os.path.abspath, (args.acme_scan, args.ruff, args.corpus))
    return args


def main():
    args = parse_arguments()

    files, megabytes = corpus_stats(args.corpus)
    # Every tool starts from nothing: acme-scan without its result cache, ruff with --no-cache.
    acme = [args.acme_scan, args.corpus, "--output", "/dev/null", "--quiet", "--no-cache"]
    commands = {
        "acme-scan": acme,
        "acme-scan, cache warm, nothing changed": acme[:-1],
        "acme-scan --kind prefect (no Airflow)": acme + ["--kind", "prefect"],
        "  same, without example_dags/": acme + ["--exclude", "example_dags/"],
        "  same, without example_dags/, no Airflow": acme + ["--exclude", "example_dags/", "--kind", "prefect"],
        "acme-scan --no-prefilter": acme + ["--no-prefilter"],
        "python reference (ast, every file)": [sys.executable, args.reference, args.corpus],
        "python reference --prefilter": [sys.executable, args.reference, "--prefilter", args.corpus],
        "ruff check --select AIR": [args.ruff, "check", "--select", "AIR", "--no-cache", "--exit-zero",
                                    "--quiet", args.corpus],
    }
    print(f"corpus: {files} .py files, {megabytes:.1f} MB ({args.corpus})")
    print(f"runs: {args.runs} each after one warm-up; median wall time; {os.cpu_count()} cores")
    results = timed_all(commands, args.runs)
    base = results["acme-scan"]
    for name, seconds in results.items():
        ratio = seconds / base
        print(f"  {name:<38} {seconds * 1000:9.1f} ms   {ratio:6.1f}x acme-scan's time")
    print(f"acme-scan peak memory: {peak_rss_mib(acme):.1f} MiB")
    airflow_cost = base / results["acme-scan --kind prefect (no Airflow)"] - 1
    overhead = results["  same, without example_dags/"] / results["  same, without example_dags/, no Airflow"] - 1
    print(f"cost of Airflow detection: {airflow_cost * 100:+.0f}% over a Prefect-only scan "
          f"(finding the 92 DAGs of Airflow's example_dags included); {overhead * 100:+.0f}% on the corpus without them")
    # `acme-scan check`, beside ruff's AIR rules on the same input (issue 4's benchmark).
    # The pre-commit case: ONE_FILE was just edited (its mtime changes before every run,
    # ten seconds back, as a save before `git commit` would), the rest of the repo is as
    # the last check left it. acme-scan re-scans that file, reuses the others' cached
    # results for the repo-wide rules, and rewrites its cache; ruff checks the one file.
    one_file = "prefect-dbt-0.7.25/prefect_dbt/cloud/jobs.py"

    def edit_one_file():
        moment = time.time() - 10
        os.utime(os.path.join(args.corpus, one_file), (moment, moment))

    checks = {
        "acme-scan check (whole corpus)": [args.acme_scan, "check", ".", "--format", "concise", "--no-cache"],
        "acme-scan check (whole corpus, cache warm)": [args.acme_scan, "check", ".", "--format", "concise"],
        "ruff check --select AIR (whole corpus)": [args.ruff, "check", "--select", "AIR", "--no-cache", "--exit-zero", "--quiet", "."],
        "acme-scan check ONE_FILE (pre-commit)": [args.acme_scan, "check", one_file, "--format", "concise"],
        "acme-scan check ONE_FILE --no-cache": [args.acme_scan, "check", one_file, "--format", "concise", "--no-cache"],
        "ruff check --select AIR ONE_FILE": [args.ruff, "check", "--select", "AIR", "--no-cache", "--exit-zero", "--quiet", one_file],
    }
    check_results = timed_all(checks, args.runs, cwd=args.corpus,
                              before={"acme-scan check ONE_FILE (pre-commit)": edit_one_file,
                                      "acme-scan check ONE_FILE --no-cache": edit_one_file})
    print(f"check, run in {args.corpus} (ONE_FILE = {one_file}):")
    for name, seconds in check_results.items():
        print(f"  {name:<42} {seconds * 1000:9.1f} ms")
    one_ms = check_results['acme-scan check ONE_FILE (pre-commit)'] * 1000
    print(f"pre-commit case: {one_ms:.1f} ms ({'under' if one_ms < 50 else 'OVER'} the 50 ms goal)")
    print(f"check vs ruff: whole corpus {check_results['ruff check --select AIR (whole corpus)'] / check_results['acme-scan check (whole corpus)']:.1f}x, "
          f"one file {check_results['ruff check --select AIR ONE_FILE'] / check_results['acme-scan check ONE_FILE (pre-commit)']:.2f}x "
          f"(above 1: acme-scan is faster)")
    print(f"speed-up over the python reference: {results['python reference (ast, every file)'] / base:.1f}x "
          f"(vs reference with the same pre-filter: {results['python reference --prefilter'] / base:.1f}x)")


if __name__ == "__main__":
    main()
