"""Compares deployments on a Prefect server with the prefect.yaml acme-scan generated.

    compare_deployments.py pools PREFECT_YAML            create the work pools it names (type process)
    compare_deployments.py compare PREFECT_YAML FLOWS    read every deployment back and compare

PREFECT_API_URL names the server. Exit 1 on any mismatch, listing every one.
"""
import json
import os
import sys
import urllib.parse

import httpx
import yaml

API = os.environ["PREFECT_API_URL"].rstrip("/")


def pools(document):
    names = sorted({d["work_pool"]["name"] for d in document["deployments"]})
    for name in names:
        response = httpx.post(f"{API}/work_pools/", json={"name": name, "type": "process"})
        if response.status_code not in (201, 409):
            sys.exit(f"cannot create work pool {name}: {response.status_code} {response.text}")
    print(f"work pools: {', '.join(names)}")


def schedule_matches(expected, actual):
    """The server normalises schedules: intervals become seconds, cron gains day_or, rrule gains DTSTART."""
    if actual.get("active") != expected.get("active", True):
        return False
    if "cron" in expected:
        return (actual.get("cron") == expected["cron"]
                and actual.get("timezone") == expected.get("timezone", actual.get("timezone")))
    if "interval" in expected:
        wanted = expected["interval"]
        if isinstance(wanted, str):
            import datetime
            import re
            match = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", wanted)
            days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
            wanted = datetime.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds).total_seconds()
        return (float(actual.get("interval")) == float(wanted)
                and actual.get("timezone") == expected.get("timezone", actual.get("timezone"))
                and ("anchor_date" not in expected or actual.get("anchor_date", "").startswith(expected["anchor_date"][:19])))
    if "rrule" in expected:
        return expected["rrule"] in actual.get("rrule", "")
    return False


def compare(document, flows_path):
    manifest = json.load(open(flows_path))
    by_entrypoint = {f["entrypoint"]: f for f in manifest["flows"]}
    problems = []
    for wanted in document["deployments"]:
        flow = by_entrypoint[wanted["entrypoint"]]
        url = f"{API}/deployments/name/{urllib.parse.quote(flow['name'], safe='')}/{urllib.parse.quote(wanted['name'], safe='')}"
        response = httpx.get(url)
        if response.status_code != 200:
            problems.append(f"{wanted['name']}: not on the server ({response.status_code})")
            continue
        actual = response.json()

        def check(field, expected, got):
            if expected != got:
                problems.append(f"{wanted['name']}: {field}: expected {expected!r}, server has {got!r}")

        check("name", wanted["name"], actual["name"])
        check("entrypoint", wanted["entrypoint"], actual["entrypoint"])
        check("description", wanted.get("description"), actual["description"])
        check("version", wanted["version"], actual["version"])
        check("tags", sorted(wanted["tags"]), sorted(actual["tags"]))
        check("parameters", wanted["parameters"], actual["parameters"])
        # Read back, a schema without definitions has no "definitions" key; Prefect's
        # parameter_schema() (and flows.json) write "definitions": {}. Same schema.
        stored = dict(actual["parameter_openapi_schema"])
        stored.setdefault("definitions", {})
        check("parameter schema (flows.json)", flow["parameter_schema"], stored)
        check("work pool", wanted["work_pool"]["name"], actual["work_pool_name"])
        check("work queue", wanted["work_pool"].get("work_queue_name", "default"), actual["work_queue_name"])
        check("job variables", wanted["work_pool"]["job_variables"], actual["job_variables"])
        check("pull steps", wanted["pull"], actual["pull_steps"])
        check("paused", wanted["paused"], actual["paused"])
        limit = (actual.get("global_concurrency_limit") or {}).get("limit", actual.get("concurrency_limit"))
        check("concurrency limit", wanted.get("concurrency_limit"), limit)
        got_schedules = [dict(s["schedule"], active=s["active"]) for s in actual["schedules"]]
        if len(got_schedules) != len(wanted["schedules"]):
            problems.append(f"{wanted['name']}: {len(wanted['schedules'])} schedules expected, server has {len(got_schedules)}")
        else:
            unmatched = list(got_schedules)
            for expected in wanted["schedules"]:
                match = next((got for got in unmatched if schedule_matches(expected, got)), None)
                if match is None:
                    problems.append(f"{wanted['name']}: schedule {expected!r} is not among the server's {unmatched!r}")
                else:
                    unmatched.remove(match)
        # The flow Prefect registered is the flow acme-scan found.
        flow_response = httpx.get(f"{API}/flows/{actual['flow_id']}").json()
        check("flow name", flow["name"], flow_response["name"])
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(document['deployments'])} deployments compared, {len(problems)} mismatches")
    sys.exit(1 if problems else 0)


def main():
    mode, path = sys.argv[1], sys.argv[2]
    document = yaml.safe_load(open(path))
    if mode == "pools":
        pools(document)
    else:
        compare(document, sys.argv[3])


if __name__ == "__main__":
    main()
