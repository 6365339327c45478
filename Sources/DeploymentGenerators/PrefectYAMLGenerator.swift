import FlowDiscovery
import ProjectConfiguration
import PythonSyntax
import TOMLSyntax

/// `prefect.yaml`: one deployment per (Prefect flow, Prefect environment), as
/// `prefect --no-prompt deploy --all` takes it (run from the project root:
/// entrypoints are relative to it).
///
/// Written so that Prefect's traps cannot bite: `parameters`, `schedules` and
/// `pull` are always explicit (Prefect's upsert resets parameters it is not
/// sent, and an absent `pull` makes the CLI record the deploying machine's
/// folder), and the acme-portal conventions are followed: the name
/// `project--branch--flow--env`, the four tags, `DEPLOYMENT_NAME` in the job's
/// environment, and the version `branch-shortsha`.
public struct PrefectYAMLGenerator: DeploymentGenerator {
    public static let fileName = "prefect.yaml"

    public init() {}

    public func generate(_ input: GenerationInput) -> GenerationOutput {
        var output = GenerationOutput()
        let environments = input.environments.filter { $0.backend == .prefect }
        guard !environments.isEmpty else { return output }
        let (flows, problems) = DeployableFlows.select(.prefect, from: input.flows)
        output.problems += problems
        var deployments: [YAMLNode] = []
        for environment in environments {
            for flow in flows {
                let settings = input.configuration.settings(forFlow: flow.name!, in: environment)
                if settings.deploy == false { continue }
                guard let workPool = settings.workPool else {
                    output.problems.append(ConfigProblem(.error,
                        "no work pool for flow '\(flow.name!)' in '\(environment.name)': set work-pool in the environment, [defaults] or the flow",
                        path: input.configuration.path, at: environment.location))
                    continue
                }
                deployments.append(deployment(flow, environment, settings, workPool: workPool, input))
            }
        }
        let document: YAMLNode = .mapping([
            ("name", .scalar(.string(input.configuration.projectName))),
            ("build", .scalar(.null)),
            ("push", .scalar(.null)),
            ("pull", .sequence([])),
            ("deployments", .sequence(deployments)),
        ])
        output.files.append(input.yamlFile(Self.fileName, document))
        return output
    }

    private func deployment(_ flow: Flow, _ environment: Environment, _ settings: FlowSettings, workPool: String,
        _ input: GenerationInput) -> YAMLNode
    {
        let git = input.git
        let name = DeploymentNaming.name(project: input.configuration.projectName, branch: git.branch, flow: flow.name!,
            environment: environment.name)
        var tags = settings.tags ?? []
        tags += ["PROJECT_NAME=\(input.configuration.projectName)", "BRANCH_NAME=\(git.branch)",
            "COMMIT_HASH=\(git.shortCommit ?? "unknown")", "PACKAGE_VERSION=\(input.packageVersion)"]
        var jobVariables = settings.jobVariables ?? [:]
        if let image = settings.image { jobVariables["image"] = .string(image) }
        var environmentVariables = jobVariables["env"]?.objectValue ?? [:]
        environmentVariables["DEPLOYMENT_NAME"] = .string(name)
        jobVariables["env"] = .object(environmentVariables)
        var workPoolNode: [(String, YAMLNode)] = [("name", .scalar(.string(workPool)))]
        if let queue = settings.workQueue { workPoolNode.append(("work_queue_name", .scalar(.string(queue)))) }
        workPoolNode.append(("job_variables", YAMLNode(.object(jobVariables))))

        var fields: [(String, YAMLNode)] = [
            ("name", .scalar(.string(name))),
            ("entrypoint", .scalar(.string(flow.entrypoint))),
        ]
        if let description = settings.description ?? flow.description { fields.append(("description", .scalar(.string(description)))) }
        fields += [
            ("version", .scalar(.string(git.shortCommit.map { "\(git.branch)-\($0)" } ?? git.branch))),
            ("tags", .sequence(tags.map { .scalar(.string($0)) })),
            ("parameters", YAMLNode(.object(DeployableFlows.parameters(settings, for: flow)))),
            ("work_pool", .mapping(workPoolNode)),
            ("schedules", .sequence((settings.schedules ?? []).map { YAMLNode($0.prefectJSON) })),
            ("paused", .scalar(.bool(settings.paused ?? false))),
        ]
        if let limit = settings.concurrencyLimit { fields.append(("concurrency_limit", .scalar(.int(limit)))) }
        fields.append(("pull", .sequence((settings.pull ?? defaultPull(input)).map(YAMLNode.init))))
        return .mapping(fields)
    }

    /// Clone the exact commit when there is a remote; otherwise run from the project folder.
    private func defaultPull(_ input: GenerationInput) -> [JSONValue] {
        if let remote = input.git.remote {
            var clone: [String: JSONValue] = ["repository": .string(remote), "branch": .string(input.git.branch)]
            if let commit = input.git.commit { clone["commit_sha"] = .string(commit) }
            return [["prefect.deployments.steps.git_clone": .object(clone)]]
        }
        return [["prefect.deployments.steps.set_working_directory": ["directory": .string(input.projectRoot)]]]
    }
}
