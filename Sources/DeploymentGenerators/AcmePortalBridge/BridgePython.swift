/// The Python text of the acme-portal bridge files. Every file carries the same
/// small runtime (run acme-scan, read its JSON, turn a failure into one
/// exception), because `aps check-config` and the extension import each file on
/// its own: a shared helper module would not be importable from both.
/// The files import only the standard library and acme_portal_sdk, never the
/// project's code, and run on Python 3.9 and later (the SDK's floor).
enum BridgePython {
    static func file(_ body: String, configuredBinary: String) -> String {
        body.replacingOccurrences(of: "@@runtime@@", with: runtime.replacingOccurrences(of: "@@binary@@", with: configuredBinary))
    }

    static let runtime = #"""
        # The project is the folder holding .acme_portal_sdk/, wherever the extension runs from.
        _PROJECT = Path(__file__).resolve().parent.parent
        # acme.toml's acme-scan-path, written by `acme-scan generate`; None: acme-scan on PATH.
        _CONFIGURED_BINARY = @@binary@@


        class AcmeScanError(Exception):
            """acme-scan refused or failed; the message is acme-scan's own one-line error."""


        def _binary():
            if _CONFIGURED_BINARY is not None:
                path = Path(_CONFIGURED_BINARY).expanduser()
                if not path.is_absolute():
                    path = _PROJECT / path
                if not os.access(str(path), os.X_OK) or path.is_dir():
                    raise AcmeScanError(f"acme-scan-path in acme.toml is {path}, which is not an executable file")
                return str(path)
            # `pip install acme-scan` beside acme-portal-sdk puts it in this interpreter's scripts folder,
            # which is not on PATH when the extension runs the interpreter of a venv it did not activate.
            # It comes first: it is the version this environment pinned.
            beside = Path(sysconfig.get_path("scripts"), "acme-scan")
            if os.access(str(beside), os.X_OK) and not beside.is_dir():
                return str(beside)
            found = shutil.which("acme-scan")
            if found is None:
                raise AcmeScanError(f"acme-scan is not on PATH nor in {beside.parent}: pip install acme-scan "
                                    "beside acme-portal-sdk, or set acme-scan-path in acme.toml and run `acme-scan generate`")
            return found


        def _message(status, stderr, result):
            """acme-scan's one-line error: its last `acme-scan:` line on stderr, with the first located
            problem (`acme.toml:3:1: error: ...`) and the deployments that failed, when there are any."""
            lines = [line.strip() for line in stderr.splitlines() if line.strip()]
            own = [line for line in lines if line.startswith("acme-scan: ") and not line.startswith("acme-scan: warning:")]
            message = own[-1] if own else (lines[-1] if lines else f"acme-scan exited with status {status}")
            located = next((line for line in lines if ": error: " in line), None)
            if located is not None and located not in message:
                message += f" ({located})"
            results = result.get("results", []) if isinstance(result, dict) else []
            failed = [f"{item.get('deployment')}: {item.get('error')}" for item in results if item.get("error")]
            if failed:
                message += ": " + "; ".join(failed)
            return message


        def _acme_scan(*arguments):
            """Runs acme-scan in the project and returns the JSON it prints on stdout."""
            binary = _binary()
            try:
                done = subprocess.run([binary, *arguments], cwd=str(_PROJECT), stdin=subprocess.DEVNULL,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            except OSError as error:
                raise AcmeScanError(f"cannot run {binary}: {error.strerror or error}") from None
            output = done.stdout.decode("utf-8", "replace")
            try:
                result = json.loads(output) if output.strip() else None
            except ValueError:
                result = None
            if done.returncode != 0:
                raise AcmeScanError(_message(done.returncode, done.stderr.decode("utf-8", "replace"), result))
            if result is None:
                raise AcmeScanError(f"acme-scan {arguments[0]} printed no JSON")
            return result


        def _as_dict(record):
            # The SDK's to_dict is dataclasses.asdict, a deep copy of every child_attributes (25 ms for
            # 500 flows, a tenth of a refresh); acme-scan's values are plain JSON already.
            return {field.name: getattr(record, field.name) for field in dataclasses.fields(record)}
        """#

    /// What deploy and promote share: the extension's keyword arguments, checked
    /// before anything runs, and the URL they return.
    static let workflowHelpers = #"""



        def _refuse_unknown(arguments, unknown):
            # An argument this file does not know could change what is deployed where: refuse it.
            if arguments or unknown:
                names = ", ".join(sorted(unknown)) or "positional arguments"
                raise AcmeScanError(f"the acme-scan bridge does not take {names}; "
                                    "run `acme-scan generate` if acme-scan is newer than this file")


        def _text(value, what):
            if not isinstance(value, str) or not value.strip():
                raise AcmeScanError(f"{what} must be a non-empty string, not {value!r}")
            return value


        def _flow_names(value):
            # An empty list would mean every flow to acme-scan: from the editor, it means a mistake.
            if not isinstance(value, (list, tuple)) or not value:
                raise AcmeScanError(f"flows_to_deploy must name at least one flow, not {value!r}")
            return [_text(name, "each name in flows_to_deploy") for name in value]


        def _context(value):
            if value is None:
                return {}
            if not isinstance(value, dict):
                raise AcmeScanError(f"additional_context must be a dict, not {value!r}")
            return value


        def _url(result):
            # The first deployment's page in its backend's UI (the registry file on the local backend).
            return next((item["url"] for item in result.get("results", []) if item.get("url")), None)
        """#

    static let flowFinder = #"""
        """acme-portal's FlowFinder, backed by acme-scan.

        The acme-portal extension calls the first FlowFinder instance of this module. acme-scan
        reads the project without importing or running it: every Prefect and Airflow form, a
        line number for each flow, and ids that stay the same from one refresh to the next.
        """
        import dataclasses
        import json
        import os
        import shutil
        import subprocess
        import sysconfig
        from pathlib import Path

        from acme_portal_sdk import FlowDetails, FlowFinder

        @@runtime@@


        class AcmeScanFlowFinder(FlowFinder):
            """The flows of `acme-scan scan --format acme-portal`."""

            def __call__(self, *, flows_to_fetch=None, flow_groups=None):
                requested = None if flows_to_fetch is None else [FlowDetails.from_dict(flow) for flow in flows_to_fetch]
                return [_as_dict(flow) for flow in self.find_flows(flows_to_fetch=requested, flow_groups=flow_groups)]

            def find_flows(self, *, flows_to_fetch=None, flow_groups=None):
                found = _acme_scan("scan", str(_PROJECT), "--format", "acme-portal", "--output", "-", "--quiet")
                flows = []
                for item in found:
                    flow = FlowDetails(**item)
                    # acme-scan's paths are relative to the project; the editor opens source_path as a file.
                    flow.source_path = str(_PROJECT / flow.source_relative)
                    flows.append(flow)
                if flows_to_fetch is None and flow_groups is None:
                    return flows
                # A refresh of some flows or groups: ids are stable, so they name the same flows again.
                ids = {flow.id for flow in flows_to_fetch or []}
                groups = set(flow_groups or [])
                return [flow for flow in flows if flow.id in ids or "/".join(flow.grouping) in groups]


        flow_finder = AcmeScanFlowFinder()

        """#

    static let deploymentFinder = #"""
        """acme-portal's DeploymentFinder, backed by acme-scan.

        The deployments of this project in every environment of acme.toml, read from each
        environment's backend by `acme-scan deployments --format acme-portal`. Their flow_name is
        the FlowDetails name of the flow, which is how the extension attaches them.
        """
        import dataclasses
        import json
        import os
        import shutil
        import subprocess
        import sysconfig
        from pathlib import Path

        from acme_portal_sdk import DeploymentDetails, DeploymentFinder, FlowDetails

        @@runtime@@


        class AcmeScanDeploymentFinder(DeploymentFinder):
            """The deployments of `acme-scan deployments --format acme-portal`."""

            def __call__(self, *, deployments_to_fetch=None, flows_to_fetch=None):
                wanted = None if deployments_to_fetch is None else [DeploymentDetails.from_dict(d) for d in deployments_to_fetch]
                flows = None if flows_to_fetch is None else [FlowDetails.from_dict(flow) for flow in flows_to_fetch]
                return [_as_dict(d) for d in self.get_deployments(deployments_to_fetch=wanted, flows_to_fetch=flows)]

            def get_deployments(self, *, deployments_to_fetch=None, flows_to_fetch=None):
                found = _acme_scan("deployments", "--format", "acme-portal", "--path", str(_PROJECT))
                deployments = [DeploymentDetails(**item) for item in found]
                if deployments_to_fetch is None and flows_to_fetch is None:
                    return deployments
                # A refresh: a deployment is known by its environment and name (a backend's id may change).
                wanted = {(deployment.env, deployment.name) for deployment in deployments_to_fetch or []}
                flows = {flow.name for flow in flows_to_fetch or []}
                return [deployment for deployment in deployments
                        if (deployment.env, deployment.name) in wanted or deployment.flow_name in flows]


        deployment_finder = AcmeScanDeploymentFinder()

        """#

    static let flowDeploy = #"""
        """acme-portal's DeployWorkflow, backed by acme-scan.

        Deploy from the editor runs `acme-scan deploy FLOW... --ref REF`: the flows as committed at
        REF (read from git's objects; uncommitted changes are not deployed, and the working tree is
        not touched) into the first environment of acme.toml's promotion order, or into
        additional_context["environment"] when it names one. It returns the URL of the first
        deployment.
        """
        import dataclasses
        import json
        import os
        import shutil
        import subprocess
        import sysconfig
        from pathlib import Path

        from acme_portal_sdk import DeployWorkflow

        @@runtime@@@@helpers@@


        class AcmeScanDeployWorkflow(DeployWorkflow):
            """`acme-scan deploy` of the named flows at a git ref."""

            def run(self, *arguments, flows_to_deploy=None, ref=None, additional_context=None, **unknown):
                _refuse_unknown(arguments, unknown)
                flows = _flow_names(flows_to_deploy)
                command = ["deploy", "--ref", "HEAD" if ref is None else _text(ref, "ref"),
                           "--format", "json", "--path", str(_PROJECT)]
                environment = _context(additional_context).get("environment")
                if environment is not None:
                    command += ["--env", _text(environment, "additional_context['environment']")]
                return _url(_acme_scan(*command, "--", *flows))


        deploy = AcmeScanDeployWorkflow()

        """#.replacingOccurrences(of: "@@helpers@@", with: workflowHelpers)

    static let deploymentPromote = #"""
        """acme-portal's PromoteWorkflow, backed by acme-scan.

        Promote from the editor runs `acme-scan promote FLOW... --from SOURCE --to TARGET --branch
        REF`: the release live in the source environment (exactly its commit and image, read from the
        backend) into the target, which must come right after the source in acme.toml's promotion
        order. It returns the URL of the first deployment.
        """
        import dataclasses
        import json
        import os
        import shutil
        import subprocess
        import sysconfig
        from pathlib import Path

        from acme_portal_sdk import PromoteWorkflow

        @@runtime@@@@helpers@@


        class AcmeScanPromoteWorkflow(PromoteWorkflow):
            """`acme-scan promote` of the named flows from one environment to the next."""

            def run(self, *arguments, flows_to_deploy=None, source_env=None, target_env=None, ref=None,
                    additional_context=None, **unknown):
                _refuse_unknown(arguments, unknown)
                flows = _flow_names(flows_to_deploy)
                _context(additional_context)
                command = ["promote", "--to", _text(target_env, "target_env"), "--format", "json", "--path", str(_PROJECT)]
                if source_env is not None:
                    command += ["--from", _text(source_env, "source_env")]
                if ref is not None:
                    command += ["--branch", _text(ref, "ref")]
                return _url(_acme_scan(*command, "--", *flows))


        promote = AcmeScanPromoteWorkflow()

        """#.replacingOccurrences(of: "@@helpers@@", with: workflowHelpers)
}
