#!/usr/bin/env python3
"""Where one `acme-scan deploy --verbose` spends its time (issue 23, lever 4).

Reads the run's standard error (the RESTClient logs every attempt as
`METHOD URL -> STATUS in N ms, BYTES bytes`, and every retry) and prints the
requests by endpoint (ids and names in paths folded), their count and their
time on the wire. With --wall (the run's wall time) it splits the run into the
time on the wire and the rest, the client's own time: exact when requests do not
overlap, as a Prefect deploy's do not (one write at a time; its reads come one
after another). With `writes-in-flight` above 1 they overlap: the requests'
time then exceeds the wall time, and their average number in flight is printed
instead. --client-cpu (acme-scan's CPU seconds, its git children
included) and --server-cpu (the Prefect server process's, during the run) say
who computed meanwhile.

    deploy_profile.py LOG [--wall S] [--client-cpu S] [--server-cpu S] [--title TEXT]
"""
import argparse
import re
import statistics

LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (\S+) -> (.+?) (?:in|after) (\d+) ms")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def endpoint(method, url):
    path = url.split("/api", 1)[-1] if "/api" in url else url
    path = UUID.sub("{id}", path)
    path = re.sub(r"^/deployments/name/[^/]+/[^/]+$", "/deployments/name/{flow}/{name}", path)
    path = re.sub(r"^/work_pools/(?!filter)[^/]+$", "/work_pools/{name}", path)
    return f"{method} {path}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("log")
    parser.add_argument("--wall", type=float)
    parser.add_argument("--server-cpu", type=float)
    parser.add_argument("--client-cpu", type=float)
    parser.add_argument("--title", default="acme-scan deploy")
    arguments = parser.parse_args()
    by_endpoint = {}
    statuses = {}
    retries = 0
    with open(arguments.log, encoding="utf-8") as log:
        for line in log:
            if ": retrying after " in line:
                retries += 1
            match = LINE.match(line)
            if not match:
                continue
            method, url, status, milliseconds = match.groups()
            by_endpoint.setdefault(endpoint(method, url), []).append(int(milliseconds))
            statuses[status] = statuses.get(status, 0) + 1
    count = sum(len(times) for times in by_endpoint.values())
    wire = sum(sum(times) for times in by_endpoint.values()) / 1000
    print(f"{arguments.title}: {count} requests ({', '.join(f'{s}: {n}' for s, n in sorted(statuses.items()))}), "
          f"{retries} retries, {wire:.2f} s on the wire")
    print("| request | count | ms total | ms median |")
    print("| --- | ---: | ---: | ---: |")
    for name, times in sorted(by_endpoint.items(), key=lambda item: -sum(item[1])):
        print(f"| {name} | {len(times)} | {sum(times)} | {statistics.median(times):.0f} |")
    if arguments.wall is not None:
        if wire <= arguments.wall:
            split = f"wall {arguments.wall:.2f} s = requests {wire:.2f} s + the client's own {arguments.wall - wire:.2f} s"
        else:
            split = f"wall {arguments.wall:.2f} s, requests {wire:.2f} s: {wire / arguments.wall:.1f} in flight on average"
        if arguments.client_cpu is not None:
            split += f"; CPU: acme-scan {arguments.client_cpu:.2f} s"
        if arguments.server_cpu is not None:
            split += f", the Prefect server {arguments.server_cpu:.2f} s"
        print(split)


if __name__ == "__main__":
    main()
