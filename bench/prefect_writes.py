#!/usr/bin/env python3
"""Are concurrent writes safe on a Prefect server? (issue 23, lever 4)

Sends the writes a deploy sends (POST /flows/ for a new flow, then the full
POST /deployments/ upsert, then the upsert again with a new version: an
update) for COUNT deployments, with WRITERS requests in flight at once, for
every WRITERS given, ROUNDS times, round-robin. Each request is sent once
(a 503 is counted, not retried), or with --retry retried on 503 as acme-scan's
RetryPolicy does. Then every deployment is read back: one that the server
acknowledged (2xx) must exist once, with the last acknowledged version and
body (no lost or mixed write); one never acknowledged must not exist.

A Prefect server on SQLite answers 503 {"exception_message": "Service
Unavailable"} to a write that loses the database lock ("database is locked",
SQLITE_BUSY, which its log filter hides): the write was not applied.

Prints, per writer count, the statuses, the deployments never written (every
attempt refused), lost or wrong writes, and the wall time of the writes.
Exits 1 unless every request of every round got a 2xx and nothing was lost.

    prefect_writes.py --url http://127.0.0.1:PORT/api [--count 30] [--writers 1 2 4] [--rounds 5] [--retry]

Needs httpx (the Prefect venv of scripts/prefect-venv.sh has it).
"""
import argparse
import asyncio
import collections
import json
import random
import statistics
import sys
import time
import uuid

import httpx

POOL = "writes-bench-pool"


def body(name, flow_id, version):
    """A deployment as acme-scan sends it: typed parameters, tags, a pool, a git pull step."""
    return {
        "name": name, "flow_id": flow_id, "entrypoint": f"flows/{name}.py:run", "version": version,
        "tags": ["bench", f"ACME_COMMIT={version}", "PROJECT_NAME=writes"], "parameters": {},
        "parameter_openapi_schema": {"type": "object", "title": "Parameters", "properties": {
            "source": {"type": "string", "title": "source", "default": "s3://raw", "position": 0},
            "limit": {"type": "integer", "title": "limit", "default": 100, "position": 1}}},
        "enforce_parameter_schema": True, "work_pool_name": POOL, "job_variables": {}, "schedules": [],
        "pull_steps": [{"prefect.deployments.steps.git_clone": {"repository": "https://github.com/acme/bench.git",
                                                                 "branch": "main", "commit_sha": version}}],
        "paused": False, "description": f"{name} at {version}",
    }


async def limited(semaphore, client, method, path, payload, retry):
    """Sends once, or with `retry` as acme-scan's RetryPolicy does on 503 (full-jitter
    backoff from 250 ms, at most 8 attempts); returns every response."""
    responses = []
    for attempt in range(1, 9 if retry else 2):
        async with semaphore:
            response = await client.request(method, path, json=payload)
        responses.append(response)
        if response.status_code != 503:
            break
        await asyncio.sleep(random.uniform(0, min(5.0, 0.25 * 2 ** (attempt - 1))))
    return responses


async def one_round(url, count, writers, retry):
    """Statuses, seconds spent writing, and the problems read back, for one round."""
    run = uuid.uuid4().hex[:8]
    names = [f"w{run}-{index:03d}" for index in range(count)]
    statuses = collections.Counter()
    acknowledged = {}  # name -> the version of the last write the server answered 2xx
    problems = []
    semaphore = asyncio.Semaphore(writers)
    # A connection per request: uvicorn closes an idle one after 5 s, at times under a
    # request about to use it, which would count as a failed write that the server never saw.
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=httpx.Limits(max_keepalive_connections=0)) as client:
        async def step(requests):
            results = await asyncio.gather(*(limited(semaphore, client, *request, retry) for request in requests))
            for responses in results:
                statuses.update(response.status_code for response in responses)
            return [responses[-1] for responses in results]

        started = time.perf_counter()
        flows = await step([("POST", "/flows/", {"name": f"flow-{name}"}) for name in names])
        flow_ids = {name: response.json().get("id") for name, response in zip(names, flows)
                    if response.status_code in (200, 201)}
        for version in ("v1", "v2"):
            sent = [name for name in names if name in flow_ids]
            answers = await step([("POST", "/deployments/", body(name, flow_ids[name], version)) for name in sent])
            for name, response in zip(sent, answers):
                if response.status_code in (200, 201):
                    acknowledged[name] = version
        seconds = time.perf_counter() - started

        found = (await client.post("/deployments/filter", json={
            "deployments": {"name": {"like_": f"w{run}-"}}, "limit": 200})).json()
        by_name = collections.defaultdict(list)
        for item in found:
            by_name[item["name"]].append(item)
        for name in names:
            items = by_name.get(name, [])
            if name not in acknowledged:
                if items:
                    problems.append(f"{name}: exists, though no write of it was answered 2xx")
                continue
            if len(items) != 1:
                problems.append(f"{name}: {len(items)} deployments after a write answered 2xx")
                continue
            item = items[0]
            want = body(name, flow_ids[name], acknowledged[name])
            for field in ("flow_id", "version", "description", "pull_steps", "parameter_openapi_schema"):
                if item[field] != want[field]:
                    problems.append(f"{name}: {field} is {json.dumps(item[field])[:60]}, not {json.dumps(want[field])[:60]}")
            if sorted(item["tags"]) != sorted(want["tags"]):
                problems.append(f"{name}: tags {item['tags']}")
        for item in found:
            await client.delete(f"/deployments/{item['id']}")
    return statuses, seconds, len(names) - len(acknowledged), problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--retry", action="store_true", help="retry a 503 as acme-scan does, instead of counting it")
    arguments = parser.parse_args()
    url = arguments.url.rstrip("/")
    pool = httpx.post(f"{url}/work_pools/", json={"name": POOL, "type": "process"}, timeout=60)
    if pool.status_code not in (201, 409):
        sys.exit(f"cannot create the work pool: {pool.status_code} {pool.text}")
    unsafe = False
    print(f"{arguments.count} deployments (a flow create, an upsert, an upsert with a new version), "
          f"{'503s retried' if arguments.retry else 'each request sent once'}:")
    print("| writers in flight | rounds | requests | statuses | deployments never written | wrong or lost writes | write seconds (median) |")
    print("| ---: | ---: | ---: | --- | ---: | ---: | ---: |")
    # Round-robin, so that drift in the machine's load affects every writer count alike.
    totals = {writers: [collections.Counter(), [], 0, []] for writers in arguments.writers}
    for _ in range(arguments.rounds):
        for writers in arguments.writers:
            statuses, seconds, unwritten, problems = asyncio.run(one_round(url, arguments.count, writers, arguments.retry))
            totals[writers][0].update(statuses)
            totals[writers][1].append(seconds)
            totals[writers][2] += unwritten
            totals[writers][3].extend(problems)
    for writers, (statuses, times, unwritten, problems) in totals.items():
        shown = ", ".join(f"{status}: {number}" for status, number in sorted(statuses.items()))
        print(f"| {writers} | {arguments.rounds} | {sum(statuses.values())} | {shown} | {unwritten} | {len(problems)} | "
              f"{statistics.median(times):.2f} |")
        for problem in problems[:5]:
            print(f"  {problem}", file=sys.stderr)
        unsafe |= any(status >= 300 for status in statuses) or bool(problems) or unwritten > 0
    sys.exit(1 if unsafe else 0)


if __name__ == "__main__":
    main()
