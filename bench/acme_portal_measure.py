"""Times the acme-portal bridge's finders against the SDK's own, in one run.

Each call is what the VS Code extension makes: a cold Python process (this
venv's interpreter, which holds acme-portal-sdk) running the SDK object of
.acme_portal_sdk/ through the extension's protocol, in the workspace folder.
Runs are interleaved round-robin after one warm-up each (which also leaves
acme-scan's result cache warm); the median wall time is reported.
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import corpus_stats, timed_all  # noqa: E402

GOAL_SECONDS = 0.3


def call(runner, workspace, module, cls, output):
    # `env -C` runs the interpreter in the workspace, as the extension does, for every command alike.
    return ["env", "-C", workspace, sys.executable, runner, module, cls, output]


def count(output):
    with open(output) as stream:
        return len(json.load(stream))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--project", required=True)
    parser.add_argument("--sdk-workspace", required=True)
    parser.add_argument("--runner", required=True)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp()
    outputs = {name: os.path.join(scratch, f"{index}.json") for index, name in enumerate(["flows", "sdk", "deployments"])}
    commands = {
        "acme-scan FlowFinder (bridge)": call(args.runner, args.project, "flow_finder", "FlowFinder", outputs["flows"]),
        "SDK PrefectFlowFinder": call(args.runner, args.sdk_workspace, "flow_finder", "FlowFinder", outputs["sdk"]),
        "acme-scan DeploymentFinder (bridge, local)": call(args.runner, args.project, "deployment_finder", "DeploymentFinder",
                                                           outputs["deployments"]),
    }
    files, megabytes = corpus_stats(args.project)
    print(f"project: {files} .py files, {megabytes:.1f} MB ({args.project})")
    print(f"runs: {args.runs} each after one warm-up; median wall time of one cold call; {os.cpu_count()} cores")
    # The machine is shared: its load says how far the wall times are from an idle machine's.
    before = os.getloadavg()[0]
    results = timed_all(commands, args.runs)
    print(f"load average (1 min): {before:.1f} before, {os.getloadavg()[0]:.1f} after")
    found = {"acme-scan FlowFinder (bridge)": f"{count(outputs['flows'])} flows",
             "SDK PrefectFlowFinder": f"{count(outputs['sdk'])} flows",
             "acme-scan DeploymentFinder (bridge, local)": f"{count(outputs['deployments'])} deployments"}
    base = results["acme-scan FlowFinder (bridge)"]
    for name, seconds in results.items():
        print(f"  {name:<44} {seconds * 1000:8.1f} ms  {seconds / base:5.1f}x  ({found[name]})")
    verdict = "under" if base < GOAL_SECONDS else "OVER"
    print(f"one finder call: {base * 1000:.0f} ms, {verdict} the {GOAL_SECONDS * 1000:.0f} ms goal; "
          f"the SDK's own finder takes {results['SDK PrefectFlowFinder'] / base:.1f}x as long")


if __name__ == "__main__":
    main()
