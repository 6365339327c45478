#!/usr/bin/env python3
"""The large-corpus goals of issue 23, measured in one run and printed as met or MISSED.

Cold scan against `ruff check --select AIR --no-cache` (goal: at least 2x faster) and
against the Python reference (at least 30x), with the CPU time it took per second of
wall time (two busy cores give 2); an unchanged re-scan with the cache warm, writing
flows.json as `acme-scan .` does (at most 0.1 s); `acme-scan check FILE` on one
just-edited file of the tree (at most 25 ms, ruff's time on that file beside it); peak
memory of a cold scan (at most 150 MB).
"""
import os
import sys
import time

import resource
import subprocess

from measure import corpus_stats, parse_arguments, peak_rss_mib, run_once, timed_all

ONE_FILE = "apache-airflow-providers-google-22.8.0/tests/system/google/cloud/bigquery/example_bigquery_jobs.py"


def verdict(met):
    return "met" if met else "MISSED"


def main():
    args = parse_arguments(lambda parser: parser.add_argument("--reference-runs", type=int, default=1))
    acme_scan, ruff, corpus = args.acme_scan, args.ruff, args.corpus

    files, megabytes = corpus_stats(corpus)
    print(f"large corpus: {files} .py files, {megabytes:.1f} MB ({corpus})")
    cold = [acme_scan, corpus, "--output", "/dev/null", "--quiet", "--no-cache"]
    # As `acme-scan .` runs: flows.json in the scanned folder, which an unchanged tree leaves as it is.
    warm = [acme_scan, corpus, "--quiet"]
    ruff_air = [ruff, "check", "--select", "AIR", "--no-cache", "--exit-zero", "--quiet", corpus]
    results = timed_all({"acme-scan --no-cache": cold, "ruff check --select AIR --no-cache": ruff_air,
                         "acme-scan, cache warm, nothing changed": warm}, args.runs)
    # The reference takes a minute or more here: fewer runs, same machine, same run.
    reference = timed_all({"python reference": [sys.executable, args.reference, corpus]}, args.reference_runs)
    results.update(reference)
    for name, seconds in results.items():
        print(f"  {name:<40} {seconds * 1000:9.1f} ms")

    def edit_one_file():
        moment = time.time() - 10
        os.utime(os.path.join(corpus, ONE_FILE), (moment, moment))

    run_once([acme_scan, "check", ".", "--format", "concise"], cwd=corpus)  # the cache a pre-commit hook finds
    checks = timed_all({"acme-scan check ONE_FILE": [acme_scan, "check", ONE_FILE, "--format", "concise"],
                        "ruff check --select AIR ONE_FILE": [ruff, "check", "--select", "AIR", "--no-cache",
                                                              "--exit-zero", "--quiet", ONE_FILE]},
                       args.runs, cwd=corpus, before={"acme-scan check ONE_FILE": edit_one_file})
    for name, seconds in checks.items():
        print(f"  {name:<40} {seconds * 1000:9.1f} ms   (ONE_FILE = {ONE_FILE})")
    memory = peak_rss_mib(cold)
    cores = busy_cores(cold, args.runs)

    base = results["acme-scan --no-cache"]
    vs_ruff = results["ruff check --select AIR --no-cache"] / base
    vs_reference = results["python reference"] / base
    warm_s = results["acme-scan, cache warm, nothing changed"]
    one_ms = checks["acme-scan check ONE_FILE"] * 1000
    print("goals (issue 23):")
    print(f"  cold scan vs ruff AIR        {vs_ruff:5.2f}x faster   goal >= 2x    {verdict(vs_ruff >= 2)}")
    print(f"  cold scan vs python reference {vs_reference:5.1f}x faster   goal >= 30x   {verdict(vs_reference >= 30)}")
    print(f"  cold scan, CPU s per wall s  {cores:5.2f}           (2 cores: 2)")
    print(f"  unchanged re-scan            {warm_s:6.3f} s         goal <= 0.1 s {verdict(warm_s <= 0.1)}")
    print(f"  check ONE_FILE               {one_ms:6.1f} ms        goal <= 25 ms  {verdict(one_ms <= 25)}"
          f"   (ruff: {checks['ruff check --select AIR ONE_FILE'] * 1000:.1f} ms)")
    print(f"  peak memory, cold scan       {memory:6.1f} MiB       goal <= 150 MB {verdict(memory * 1.048576 <= 150)}")


def busy_cores(command, runs):
    """Median of CPU seconds (user + system) per wall second over `runs` runs: how many cores it kept busy."""
    ratios = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        ratios.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) / wall)
    ratios.sort()
    return ratios[len(ratios) // 2]


if __name__ == "__main__":
    main()
