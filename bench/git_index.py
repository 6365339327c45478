#!/usr/bin/env python3
"""What reading git's index costs the walk (issue 9: tracked files are always scanned).

Makes two copies (hard links) of a source tree in a temporary folder: `plain`,
outside git, and `tracked`, a git repository whose .gitignore names its largest
top-level folder, committed before that line was added, the layout of repositories that ignore `dags` and commit their DAGs. Both scans
find the same files, but only the second must read the index (and walk the
ignored folder after it). Times acme-scan on both with the result cache warm
(the pre-commit case, where the walk dominates; a cold scan is dominated by
parsing), runs interleaved round-robin, and prints the medians and their
ratio, plus `git ls-files -z` alone.

Usage: bench/git_index.py --acme-scan .build-release/acme-scan --source .cache/pypi [--runs 11]
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import timed_all  # noqa: E402

GIT_ENV = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/nonexistent/acme-scan-bench/gitconfig",
               GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@acme.invalid",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@acme.invalid")


def git(args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, check=True, capture_output=True).stdout


def largest_folder(root):
    sizes = {}
    for name in os.listdir(root):
        if name != ".git" and os.path.isdir(os.path.join(root, name)):
            sizes[name] = sum(len(files) for _, _, files in os.walk(os.path.join(root, name)))
    return max(sizes, key=sizes.get)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--acme-scan", required=True)
    parser.add_argument("--source", required=True, help="a folder of Python projects, e.g. .cache/pypi")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    binary = os.path.abspath(args.acme_scan)
    with tempfile.TemporaryDirectory(prefix="acme-git-index-") as work:
        plain, tracked = os.path.join(work, "plain"), os.path.join(work, "tracked")
        subprocess.run(["cp", "-al", args.source, plain], check=True)
        subprocess.run(["cp", "-al", args.source, tracked], check=True)
        # Committed first, so git tracks what the sdists' own .gitignore files leave to it; then ignored.
        git(["init", "-q"], tracked)
        git(["add", "-A"], tracked)
        ignored = largest_folder(tracked)
        with open(os.path.join(tracked, ".gitignore"), "w") as ignore:
            ignore.write(ignored + "/\n")
        git(["add", ".gitignore"], tracked)
        git(["commit", "-q", "-m", "bench"], tracked)
        entries = git(["ls-files", "-z"], tracked).count(b"\0")

        def scan(folder, *extra):
            return [binary, folder, "--output", "-", "--quiet", *extra]

        outputs = {name: subprocess.run(scan(folder, "--no-cache"), capture_output=True, check=True).stdout
                   for name, folder in (("plain", plain), ("tracked", tracked))}
        if outputs["plain"] != outputs["tracked"]:
            sys.exit("the two trees gave different manifests: the tracked files were not all scanned")
        for folder in (plain, tracked):  # fill the result caches
            subprocess.run(scan(folder), capture_output=True, check=True)
        times = timed_all({
            "warm, outside git": scan(plain),
            "warm, git index read": scan(tracked),
            "git ls-files -z": ["git", "-C", tracked, "ls-files", "-z"],
        }, args.runs)
    print(f"{entries} files in the index, {ignored}/ ignored by .gitignore and tracked; median of {args.runs} runs")
    for name, seconds in times.items():
        print(f"  {name:30} {seconds * 1000:8.1f} ms")
    ratio = times["warm, git index read"] / times["warm, outside git"]
    print(f"  with the index read, the warm scan takes {ratio:.2f}x as long")


if __name__ == "__main__":
    main()
