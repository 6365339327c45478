import DeploymentModel
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
        let (deployments, problems) = input.desiredState.deployments(in: environments)
        output.problems += problems
        let document: YAMLNode = .mapping([
            ("name", .scalar(.string(input.configuration.projectName))),
            ("build", .scalar(.null)),
            ("push", .scalar(.null)),
            ("pull", .sequence([])),
            ("deployments", .sequence(deployments.map(Self.deployment))),
        ])
        output.files.append(input.yamlFile(Self.fileName, document))
        return output
    }

    /// One `deployments:` item: every field of the desired deployment, in prefect.yaml's words.
    static func deployment(_ desired: DesiredDeployment) -> YAMLNode {
        let fields = desired.fields
        var workPool: [(String, YAMLNode)] = [("name", .scalar(.string(fields.workPool ?? "")))]
        if let queue = fields.workQueue { workPool.append(("work_queue_name", .scalar(.string(queue)))) }
        workPool.append(("job_variables", YAMLNode(.object(fields.jobVariables))))
        var items: [(String, YAMLNode)] = [
            ("name", .scalar(.string(desired.name))),
            ("entrypoint", .scalar(.string(fields.entrypoint))),
        ]
        if let description = fields.description { items.append(("description", .scalar(.string(description)))) }
        items += [
            ("version", .scalar(.string(fields.version))),
            ("tags", .sequence(fields.tags.map { .scalar(.string($0)) })),
            ("parameters", YAMLNode(.object(fields.parameters))),
            ("work_pool", .mapping(workPool)),
            ("schedules", .sequence(fields.schedules.map { YAMLNode($0.prefectJSON) })),
            ("paused", .scalar(.bool(fields.paused ?? false))),
        ]
        if let limit = fields.concurrencyLimit { items.append(("concurrency_limit", .scalar(.int(limit)))) }
        items.append(("pull", .sequence(fields.pullSteps.map(YAMLNode.init))))
        return .mapping(items)
    }
}
