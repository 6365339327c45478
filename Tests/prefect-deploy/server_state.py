"""The deployments on a Prefect server, for the adoption cross-check (adoption.sh).

    server_state.py pools DIR           create (type process) every work pool the prefect.yaml files under DIR name
    server_state.py snapshot OUT START  write every deployment's server state to OUT (START: when the run began)
    server_state.py clear               delete every deployment
    server_state.py compare A B         B (from acme-scan's files) must be A (the hand-written files) plus acme-scan's own additions
    server_state.py same A B            A and B must be the same server state, field for field

PREFECT_API_URL names the server. compare exits 1 listing every difference.
"""
import datetime
import json
import os
import pathlib
import sys
import time

import httpx
import yaml

API = os.environ["PREFECT_API_URL"].rstrip("/")
# acme-scan's own tags on every deployment (DeploymentModel/ReleaseTags.swift) and its job variable.
RELEASE_TAG_KEYS = ("PROJECT_NAME=", "BRANCH_NAME=", "COMMIT_HASH=", "PACKAGE_VERSION=", "ACME_ENV=", "ACME_COMMIT=")


def request(method, path, **arguments):
    """A request that rides out the SQLite server's brief 503s while its services write."""
    for _ in range(20):
        response = httpx.request(method, f"{API}{path}", timeout=30, **arguments)
        if response.status_code != 503:
            return response
        time.sleep(0.5)
    return response


def pools(folder):
    names = set()
    for path in pathlib.Path(folder).rglob("prefect.yaml"):
        for deployment in (yaml.safe_load(path.read_text()) or {}).get("deployments") or []:
            names.add(deployment["work_pool"]["name"])
    for name in sorted(names):
        response = request("POST", "/work_pools/", json={"name": name, "type": "process"})
        if response.status_code not in (201, 409):
            sys.exit(f"cannot create work pool {name}: {response.status_code} {response.text}")
    print(f"work pools: {', '.join(sorted(names))}")


def deployments():
    found = request("POST", "/deployments/filter", json={"sort": "NAME_ASC", "limit": 200}).json()
    if len(found) >= 200:
        sys.exit("more than 200 deployments: page through them")
    return found


def snapshot(out, start):
    started = datetime.datetime.fromisoformat(start)
    state = {}
    for deployment in deployments():
        flow = request("GET", f"/flows/{deployment['flow_id']}").json()["name"]
        schedules = []
        for item in deployment["schedules"]:
            schedule = dict(item["schedule"])
            anchor = schedule.get("anchor_date")
            # An interval without anchor_date counts from when it was deployed: not a setting.
            if anchor and datetime.datetime.fromisoformat(anchor.replace("Z", "+00:00")) >= started:
                schedule["anchor_date"] = "(when deployed)"
            schedules.append({"schedule": schedule, "active": item["active"], "slug": item.get("slug"),
                              "parameters": item.get("parameters") or {}, "max_scheduled_runs": item.get("max_scheduled_runs")})
        limit = (deployment.get("global_concurrency_limit") or {}).get("limit", deployment.get("concurrency_limit"))
        state[f"{flow}/{deployment['name']}"] = {
            "name": deployment["name"], "entrypoint": deployment["entrypoint"], "description": deployment["description"],
            "version": deployment["version"], "tags": sorted(deployment["tags"]), "parameters": deployment["parameters"],
            "parameter_openapi_schema": deployment["parameter_openapi_schema"],
            "enforce_parameter_schema": deployment["enforce_parameter_schema"],
            "work_pool": deployment["work_pool_name"], "work_queue": deployment["work_queue_name"],
            "job_variables": deployment["job_variables"], "pull_steps": deployment["pull_steps"], "paused": deployment["paused"],
            "concurrency_limit": limit, "concurrency_options": deployment.get("concurrency_options"),
            "schedules": sorted(schedules, key=lambda s: (s["slug"] or "", json.dumps(s, sort_keys=True))),
        }
    pathlib.Path(out).write_text(json.dumps(state, indent=1, sort_keys=True))
    print(f"{len(state)} deployments read back")


def clear():
    for deployment in deployments():
        response = request("DELETE", f"/deployments/{deployment['id']}")
        if response.status_code not in (200, 204):
            sys.exit(f"cannot delete {deployment['name']}: {response.status_code}")


def without_additions(key, deployment, problems):
    """The state without what acme-scan adds on purpose: its release tags and env.DEPLOYMENT_NAME."""
    deployment = json.loads(json.dumps(deployment))
    release = [tag for tag in deployment["tags"] if tag.startswith(RELEASE_TAG_KEYS)]
    if sorted(tag.split("=")[0] for tag in release) != sorted(k.rstrip("=") for k in RELEASE_TAG_KEYS):
        problems.append(f"{key}: release tags {release} are not acme-scan's six")
    deployment["tags"] = [tag for tag in deployment["tags"] if tag not in release]
    env = deployment["job_variables"].get("env", {})
    if env.pop("DEPLOYMENT_NAME", None) != deployment["name"]:
        problems.append(f"{key}: env.DEPLOYMENT_NAME is not the deployment's name")
    if not env:
        deployment["job_variables"].pop("env", None)
    deployment.pop("version")
    return deployment


def compare(before_path, after_path):
    before = json.loads(pathlib.Path(before_path).read_text())
    after = json.loads(pathlib.Path(after_path).read_text())
    problems = []
    for key in sorted(set(before) | set(after)):
        if key not in after:
            problems.append(f"{key}: deployed by the hand-written files, not by acme-scan's")
            continue
        if key not in before:
            problems.append(f"{key}: deployed by acme-scan's files only")
            continue
        original = dict(before[key])
        original.pop("version")
        generated = without_additions(key, after[key], problems)
        # `./flows/etl.py:vacuum` names the same file as `flows/etl.py:vacuum` (the import warns that it writes the latter).
        written = original["entrypoint"]
        while original["entrypoint"].startswith("./"):
            original["entrypoint"] = original["entrypoint"][2:]
        if written != original["entrypoint"]:
            print(f"{key}: entrypoint {written!r} is written {generated['entrypoint']!r}: the same file")
        for field in sorted(original):
            if original[field] != generated[field]:
                problems.append(f"{key}: {field}: hand-written {json.dumps(original[field], sort_keys=True)}, "
                                f"acme-scan {json.dumps(generated[field], sort_keys=True)}")
        print(f"{key}: version {before[key]['version']!r} -> {after[key]['version']!r} (acme-scan's branch-shortsha)")
    for problem in problems:
        print(problem, file=sys.stderr)
    # Issue 20's measure: the share of the team's deployments acme-scan's files reproduce field for field.
    differing = {problem.split(": ")[0] for problem in problems}
    exact = len([key for key in before if key not in differing])
    share = 100.0 * exact / len(before) if before else 100.0
    print(f"{len(before)} deployments compared, {len(problems)} differences; reproduced exactly: {exact} of {len(before)} ({share:.1f}%)")
    sys.exit(1 if problems else 0)


def same(first_path, second_path):
    """`acme-scan deploy` must leave what `prefect deploy --all` of the generated prefect.yaml leaves."""
    first = json.loads(pathlib.Path(first_path).read_text())
    second = json.loads(pathlib.Path(second_path).read_text())
    problems = []
    for key in sorted(set(first) | set(second)):
        if key not in second or key not in first:
            problems.append(f"{key}: only after {'prefect deploy' if key in first else 'acme-scan deploy'}")
            continue
        for field in sorted(set(first[key]) | set(second[key])):
            if first[key].get(field) != second[key].get(field):
                problems.append(f"{key}: {field}: prefect deploy {json.dumps(first[key].get(field), sort_keys=True)}, "
                                f"acme-scan deploy {json.dumps(second[key].get(field), sort_keys=True)}")
    for problem in problems:
        print(problem, file=sys.stderr)
    fields = sum(len(value) for value in first.values())
    print(f"{len(first)} deployments, {fields} fields compared: {len(problems)} differences between prefect deploy and acme-scan deploy")
    sys.exit(1 if problems else 0)


def main():
    mode = sys.argv[1]
    if mode == "same":
        return same(sys.argv[2], sys.argv[3])
    if mode == "pools":
        pools(sys.argv[2])
    elif mode == "snapshot":
        snapshot(sys.argv[2], sys.argv[3])
    elif mode == "clear":
        clear()
    else:
        compare(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    main()
