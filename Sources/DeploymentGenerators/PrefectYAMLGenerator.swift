import DeploymentModel
import FlowDiscovery
import ProjectConfiguration
import PythonSyntax
import TOMLSyntax

/// `prefect.yaml`: one deployment per (Prefect flow, Prefect environment), as
/// `prefect --no-prompt deploy --all` takes it, run from the file's folder:
/// entrypoints are relative to it. One file at the project root, or with
/// `prefect-yaml = "per-folder"` one in each folder holding deployed flows; with
/// `per-folder-from-root` one in each such folder, deployed from the project root
/// (`--prefect-file FOLDER/prefect.yaml`), its entrypoints relative to the root.
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
        // The root file is always written (it may hold no deployment); per-folder files where flows are deployed.
        let folders = input.configuration.prefectYAMLLayout == .root ? [""] : Set(deployments.map(\.folder)).sorted()
        for folder in folders {
            let inFile = deployments.filter { $0.folder == folder }
            let path = Self.path(folder: folder)
            // Said in the file: run from its own folder, `prefect deploy` would find none of its entrypoints.
            let comment = input.configuration.prefectYAMLLayout == .perFolderFromRoot && !folder.isEmpty
                ? ["Deploy from the project root: prefect --no-prompt deploy --all --prefect-file \(path)"] : []
            output.files.append(input.yamlFile(path, Self.document(inFile, project: input.configuration.projectName), comment: comment))
        }
        return output
    }

    /// `prefect.yaml` in `folder` (relative to the project root).
    public static func path(folder: String) -> String { folder.isEmpty ? fileName : "\(folder)/\(fileName)" }

    /// One file. Build and push steps shared by all its deployments are written once at the top,
    /// as hand-written files have them; otherwise each deployment carries its own (Prefect runs a
    /// deployment's steps instead of the top-level ones, and runs them per deployment either way).
    static func document(_ deployments: [DesiredDeployment], project: String) -> YAMLNode {
        let sharedBuild = Set(deployments.map { JSONValue.array($0.build) }).count <= 1
        let sharedPush = Set(deployments.map { JSONValue.array($0.push) }).count <= 1
        let steps = { (steps: [JSONValue]?) -> YAMLNode in steps.map { $0.isEmpty ? .scalar(.null) : .sequence($0.map(YAMLNode.init)) } ?? .scalar(.null) }
        return .mapping([
            ("name", .scalar(.string(project))),
            ("build", steps(sharedBuild ? deployments.first?.build : nil)),
            ("push", steps(sharedPush ? deployments.first?.push : nil)),
            ("pull", .sequence([])),
            ("deployments", .sequence(deployments.map { deployment($0, build: !sharedBuild, push: !sharedPush) })),
        ])
    }

    /// One `deployments:` item: every field of the desired deployment, in prefect.yaml's words.
    static func deployment(_ desired: DesiredDeployment, build: Bool = false, push: Bool = false) -> YAMLNode {
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
        if build { items.append(("build", .sequence(desired.build.map(YAMLNode.init)))) }
        if push { items.append(("push", .sequence(desired.push.map(YAMLNode.init)))) }
        items.append(("pull", .sequence(fields.pullSteps.map(YAMLNode.init))))
        return .mapping(items)
    }
}
