"""The acme-portal extension's four operations through the bridge files, as the
extension makes them (Tests/acme-portal/extension_runner.py, one cold process per
call, kwargs as JSON on the command line), against one backend.

    python check_bridge.py PROJECT BACKEND

Run with the interpreter of a venv holding acme-portal-sdk 1.2.0, and acme-scan
either on PATH or pip-installed into that venv (then PATH must have none: the
bridge has to find the venv's own, as when the extension runs an interpreter it
did not activate). PROJECT is a git repository on branch main with the bridge files committed
(run.sh makes it from Fixtures/acme-portal/bridge-project); BACKEND names the
backend of its environments (local or prefect). Any failed expectation exits 1.
"""
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from acme_portal_sdk import DeploymentDetails, FlowDetails

RUNNER = str(Path(__file__).with_name("extension_runner.py"))
PYTHON = sys.executable
# The acme-scan `pip install acme-scan` put beside the SDK, if it did.
BESIDE = Path(sysconfig.get_path("scripts"), "acme-scan")
ACME_SCAN = str(BESIDE) if BESIDE.exists() else "acme-scan"
MODULES = {"flow_finder": "FlowFinder", "deployment_finder": "DeploymentFinder",
           "flow_deploy": "DeployWorkflow", "deployment_promote": "PromoteWorkflow"}


class Checks:
    def __init__(self, backend):
        self.backend = backend
        self.passed = 0

    def __call__(self, condition, message):
        if not condition:
            print(f"FAIL ({self.backend}): {message}", file=sys.stderr)
            print(f"acme-portal bridge ({self.backend}): {self.passed} passed, 1 failed")
            sys.exit(1)
        self.passed += 1


class Workspace:
    """The project as the extension sees it: calls through the runner, and the CLI beside it."""

    def __init__(self, project, check):
        self.project = project
        self.check = check
        self.scratch = tempfile.mkdtemp(prefix="acme-portal-")

    def call(self, module, kwargs=None, environment=None):
        """One extension call: (result, None), or (None, the error file's content)."""
        output = os.path.join(self.scratch, f"acme_portal_{time.time_ns()}.json")
        command = [PYTHON, RUNNER, module, MODULES[module], output]
        if kwargs is not None:
            command.append(json.dumps(kwargs))
        done = subprocess.run(command, cwd=self.project, capture_output=True, text=True, env=environment)
        if done.returncode != 0:
            error_file = output.replace(".json", "_error.json")
            self.check(os.path.exists(error_file), f"{module}: exit {done.returncode} without an error file: {done.stderr}")
            with open(error_file) as stream:
                return None, json.load(stream)
        with open(output) as stream:
            return json.load(stream), None

    def ok(self, module, kwargs=None, environment=None):
        result, error = self.call(module, kwargs, environment)
        self.check(error is None, f"{module}({kwargs}) raised {error and error['error_type']}: {error and error['error_message']}")
        return result

    def failure(self, module, kwargs=None, environment=None):
        result, error = self.call(module, kwargs, environment)
        self.check(error is not None, f"{module}({kwargs}) returned {result!r} instead of raising")
        self.check(error["error_type"] == "AcmeScanError", f"{module}: {error['error_type']}: {error['error_message']}")
        message = error["error_message"]
        self.check("\n" not in message and "Traceback" not in message, f"{module}: not one line: {message!r}")
        return message

    def acme(self, *arguments):
        return subprocess.run([ACME_SCAN, *arguments], cwd=self.project, capture_output=True, text=True)

    def acme_json(self, *arguments):
        done = self.acme(*arguments)
        self.check(done.returncode == 0, f"acme-scan {' '.join(arguments)}: {done.stderr}")
        return json.loads(done.stdout)

    def git(self, *arguments):
        return subprocess.run(["git", *arguments], cwd=self.project, capture_output=True, text=True, check=True).stdout.strip()

    def cli_error(self, *arguments):
        """acme-scan's own one-line message for a command that fails."""
        done = self.acme(*arguments)
        self.check(done.returncode != 0, f"acme-scan {' '.join(arguments)} succeeded")
        return [line for line in done.stderr.splitlines() if line.startswith("acme-scan: ")][-1]


def check_preconditions(space, check):
    """What the extension runs before a load: the SDK installed, each module importable
    (without acme-scan: importing a bridge file runs nothing), and `aps check-config`."""
    installed = subprocess.run([PYTHON, "-m", "pip", "list"], capture_output=True, text=True).stdout
    check("acme-portal-sdk" in installed.replace("_", "-") and "1.2.0" in installed, "acme-portal-sdk 1.2.0 is installed")
    bare = dict(os.environ, PATH=os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep)
                                                 if not os.path.exists(os.path.join(p, "acme-scan"))))
    for module in MODULES:
        probe = f"import sys; sys.path.insert(0, '.acme_portal_sdk'); import {module}; print('loadable')"
        done = subprocess.run([PYTHON, "-c", probe], cwd=space.project, capture_output=True, text=True, env=bare)
        check(done.stdout.strip() == "loadable", f"import {module} without acme-scan on PATH: {done.stderr}")
    aps = shutil.which("aps", path=os.path.dirname(PYTHON))
    done = subprocess.run([aps, "check-config"], cwd=space.project, capture_output=True, text=True)
    check(done.returncode == 0 and "Configuration is complete" in done.stdout, f"aps check-config: {done.stdout}{done.stderr}")
    check(done.stdout.count("✅") == 5, f"aps check-config accepts all four files: {done.stdout}")


def check_flows(space, check):
    flows = space.ok("flow_finder")
    by_name = {flow["name"]: flow for flow in flows}
    check(all(FlowDetails.from_dict(flow).to_dict() == flow for flow in flows), "each item is a FlowDetails dict")
    check(sorted(by_name) == ["cleanup", "etl_daily", "nightly", "report", "sync_accounts"],
          f"every Prefect and Airflow form is found: {sorted(by_name)}")
    cli = space.acme_json("scan", ".", "--format", "acme-portal", "--output", "-", "--quiet")
    check([(f["id"], f["name"], f["line_number"]) for f in flows] == [(f["id"], f["name"], f["line_number"]) for f in cli],
          "the finder returns acme-scan's FlowDetails")
    check(all(f["source_path"] == str(Path(space.project, f["source_relative"])) for f in flows),
          "source_path is the absolute path the editor opens")
    check(by_name["etl_daily"]["line_number"] == 4 and by_name["report"]["line_number"] == 9, "line numbers are set")
    check(space.ok("flow_finder") == flows, "a second refresh returns the same flows with the same ids")
    refreshed = space.ok("flow_finder", {"flows_to_fetch": [by_name["report"]], "flow_groups": None})
    check(refreshed == [by_name["report"]], f"a flow refresh returns that flow: {refreshed}")
    sdk = subprocess.run([PYTHON, "-c", "import json, sys; from acme_portal_sdk.prefect.flow_finder import PrefectFlowFinder; "
                          "print(json.dumps(sorted(f['name'] for f in PrefectFlowFinder(root_dir=sys.argv[1])())))",
                          space.project], capture_output=True, text=True)
    # That finder prints its progress on stdout too: the names are the last line.
    missed = sorted(set(by_name) - set(json.loads(sdk.stdout.splitlines()[-1])))
    check(missed == ["cleanup", "nightly", "report", "sync_accounts"], f"the SDK's own finder misses what acme-scan finds: {missed}")
    return by_name


def check_deployments(space, check, flows, main, backend):
    deployments = space.ok("deployment_finder")
    check(all(DeploymentDetails.from_dict(d).to_dict() == d for d in deployments), "each item is a DeploymentDetails dict")
    check(all(d["flow_name"] in flows for d in deployments),
          f"every deployment joins a flow: {[d['flow_name'] for d in deployments]}")
    check(space.ok("deployment_finder") == deployments, "a second refresh returns the same deployments with the same ids")
    dev = {d["flow_name"]: d for d in deployments if d["env"] == "dev"}
    check(sorted(dev) == ["etl_daily", "report"], f"the deployed flows are in dev: {sorted(dev)}")
    etl = dev["etl_daily"]
    check(etl["name"] == "acme-etl--main--etl-daily--dev" and etl["branch"] == "main" and etl["commit_hash"] == main[:7]
          and etl["project_name"] == "acme-etl" and etl["package_version"] == "1.0.0", f"DeploymentDetails of main: {etl}")
    for_flow = space.ok("deployment_finder", {"flows_to_fetch": [flows["etl_daily"]], "deployments_to_fetch": None})
    check({d["flow_name"] for d in for_flow} == {"etl_daily"}, f"a flow's refresh returns its deployments: {for_flow}")
    again = space.ok("deployment_finder", {"flows_to_fetch": None, "deployments_to_fetch": [etl]})
    check([(d["env"], d["name"], d["id"]) for d in again] == [("dev", etl["name"], etl["id"])], f"a deployment's refresh: {again}")
    if backend == "local":
        check(etl["url"] == Path(space.project, ".acme-scan", "registry.sqlite").as_uri(), f"local url: {etl['url']}")
    else:
        check(etl["url"].startswith("http"), f"{backend} url: {etl['url']}")
    return deployments


def main():
    project, backend = os.path.abspath(sys.argv[1]), sys.argv[2]
    check = Checks(backend)
    space = Workspace(project, check)
    check_preconditions(space, check)
    flows = check_flows(space, check)
    check(space.ok("deployment_finder") == [], "nothing is deployed yet")

    # HEAD moves on to a branch with another commit, and the tree has uncommitted changes:
    # Deploy with ref=main ships main's commit and nothing else.
    main_commit = space.git("rev-parse", "main")
    space.git("checkout", "-q", "-b", "feature")
    settings = Path(project, "acme.toml")
    settings.write_text(settings.read_text().replace('"team-data"', '"team-feature"'))
    space.git("-c", "user.name=ci", "-c", "user.email=ci@example.com", "commit", "-qam", "feature")
    etl_file = Path(project, "flows", "etl.py")
    etl_file.write_text(etl_file.read_text() + "\n# not committed\n")

    url = space.ok("flow_deploy", {"flows_to_deploy": ["etl_daily", "report"], "ref": "main",
                                   "additional_context": flows["etl_daily"]["child_attributes"]})
    check(isinstance(url, str) and url, f"deploy returns a URL: {url!r}")
    check(space.git("rev-parse", "--abbrev-ref", "HEAD") == "feature" and "not committed" in etl_file.read_text(),
          "deploy leaves the working tree and HEAD as they were")
    live = space.acme_json("deployments", "--format", "json", "--env", "dev")["deployments"]
    check(sorted((d["flow"], d["commit"]) for d in live) == [("etl-daily", main_commit), ("report", main_commit)],
          f"dev holds main's commit: {live}")
    plan = space.acme_json("deploy", "etl-daily", "report", "--ref", "main", "--dry-run", "--format", "json")["plan"]
    check([item["action"] for item in plan] == ["unchanged", "unchanged"], f"the CLI would deploy exactly this: {plan}")
    deployments = check_deployments(space, check, flows, main_commit, backend)
    check(all("team-feature" not in d["tags"] and "team-data" in d["tags"] for d in deployments),
          "the release's own acme.toml (main's) gave the settings")

    url = space.ok("deployment_promote", {"flows_to_deploy": ["etl_daily"], "source_env": "dev", "target_env": "tst",
                                          "ref": "main", "additional_context": flows["etl_daily"]["child_attributes"]})
    check(isinstance(url, str) and url, f"promote returns a URL: {url!r}")
    plan = space.acme_json("promote", "etl-daily", "--from", "dev", "--to", "tst", "--branch", "main", "--dry-run",
                           "--format", "json")["plan"]
    check([item["action"] for item in plan] == ["unchanged"], f"the CLI would promote exactly this: {plan}")
    tst = [d for d in space.ok("deployment_finder") if d["env"] == "tst"]
    check([(d["flow_name"], d["commit_hash"]) for d in tst] == [("etl_daily", main_commit[:7])], f"tst holds the release: {tst}")

    # Errors: acme-scan's one-line message, as an exception the extension shows.
    promote = {"flows_to_deploy": ["etl_daily"], "source_env": "dev", "ref": "main", "additional_context": {}}
    message = space.failure("deployment_promote", dict(promote, target_env="prd"))
    check(message == space.cli_error("promote", "etl_daily", "--from", "dev", "--to", "prd", "--branch", "main"),
          f"an unknown environment gives acme-scan's message: {message}")
    check("no environment is named 'prd'; did you mean 'prod'?" in message, message)
    message = space.failure("deployment_promote", dict(promote, target_env="prod"))
    check("the promotion order is dev -> tst -> prod" in message, f"the order rules hold: {message}")
    message = space.failure("flow_deploy", {"flows_to_deploy": ["etl_dialy"], "ref": "main"})
    check("no deployable flow or DAG is named 'etl_dialy'" in message, f"an unknown flow: {message}")
    message = space.failure("flow_deploy", {"flows_to_deploy": ["etl_daily"], "ref": "no-such-branch"})
    check("--ref: no branch, tag or commit is named 'no-such-branch'" in message, f"an unknown ref: {message}")
    message = space.failure("flow_deploy", {"flows_to_deploy": [], "ref": "main"})
    check("flows_to_deploy must name at least one flow" in message, f"an empty list deploys nothing: {message}")
    message = space.failure("flow_deploy", {"flows_to_deploy": ["etl_daily"], "ref": "main", "env": "tst"})
    check("does not take env" in message, f"an unknown argument is refused: {message}")
    bare = dict(os.environ, PATH=os.defpath)
    if BESIDE.exists():
        check(space.ok("flow_finder", environment=bare) == space.ok("flow_finder"),
              "with nothing on PATH, the bridge runs the acme-scan pip installed beside the SDK")
    else:
        message = space.failure("flow_finder", environment=bare)
        check(f"acme-scan is not on PATH nor in {BESIDE.parent}: pip install acme-scan" in message, f"no acme-scan: {message}")
    if backend == "local":
        # The local backend down: its registry cannot be opened.
        registry = Path(project, ".acme-scan")
        registry.rename(Path(project, ".acme-scan-away"))
        Path(project, ".acme-scan", "registry.sqlite").mkdir(parents=True)
        message = space.failure("deployment_finder")
        shutil.rmtree(registry)
        Path(project, ".acme-scan-away").rename(registry)
        check("cannot open the registry" in message and message.startswith("acme-scan: "), f"a backend down: {message}")
    else:
        # The server down, for this project: its api-url names a closed port.
        original = settings.read_text()
        settings.write_text(original.replace(os.environ["PREFECT_API_URL"], "http://127.0.0.1:9/api"))
        message = space.failure("deployment_finder")
        settings.write_text(original)
        check(message.startswith("acme-scan: ") and "127.0.0.1:9" in message, f"a backend down: {message}")
    after = space.acme_json("deployments", "--format", "json")["deployments"]
    check(sorted((d["environment"], d["flow"]) for d in after) == [("dev", "etl-daily"), ("dev", "report"), ("tst", "etl-daily")],
          f"failed calls changed nothing: {after}")
    print(f"acme-portal bridge ({backend}): {check.passed} passed, 0 failed")


if __name__ == "__main__":
    main()
