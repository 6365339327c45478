import DeploymentModel
import FlowDiscovery
import ProjectConfiguration
import PythonSyntax

/// `airflow.<env>.yaml` for each Airflow environment: what the deployer puts in
/// that environment's DAG bundle and what it then applies and verifies.
///
/// - `bundle` / `dags_folder` / `api_url`: where the files go, from acme.toml; with
///   `source` (the project folder published into dags_folder) or `repository` and
///   `branch` (the environment branch a GitDagBundle tracks);
/// - `files`: the DAG files (relative to the project root) that make up the bundle;
/// - `dags`: each registered DAG, its file, the `paused` state to set (null:
///   leave it to Airflow, which pauses new DAGs unless configured otherwise)
///   and the configured tags, which the deployer checks the DAG carries.
/// The format is documented in docs/generate.md.
public struct AirflowDeploymentGenerator: DeploymentGenerator {
    public init() {}

    public static func fileName(environment: String) -> String { "airflow.\(environment).yaml" }

    public func generate(_ input: GenerationInput) -> GenerationOutput {
        var output = GenerationOutput()
        let environments = input.environments.filter { $0.backend == .airflow }
        guard !environments.isEmpty else { return output }
        let (deployments, problems) = input.desiredState.deployments(in: environments)
        output.problems += problems
        for environment in environments {
            let dags = deployments.filter { $0.environment == environment.name }
            let entries: [YAMLNode] = dags.map { dag in
                .mapping([
                    ("dag_id", .scalar(.string(dag.flow))),
                    ("file", .scalar(.string(dag.file))),
                    ("paused", .scalar(dag.fields.paused.map(JSONValue.bool) ?? .null)),
                    ("tags", .sequence(dag.fields.tags.map { .scalar(.string($0)) })),
                ])
            }
            let files = dags.map(\.file)
            var fields: [(String, YAMLNode)] = [
                ("environment", .scalar(.string(environment.name))),
                ("backend", .scalar(.string("airflow"))),
                ("project", .scalar(.string(input.configuration.projectName))),
            ]
            if let apiURL = environment.apiURL { fields.append(("api_url", .scalar(.string(apiURL)))) }
            if let bundle = environment.bundle { fields.append(("bundle", .scalar(.string(bundle)))) }
            if let folder = environment.dagsFolder { fields.append(("dags_folder", .scalar(.string(folder)))) }
            // What deploy publishes: the tree of `source` into dags_folder, or the commit onto `branch` of `repository`.
            if let source = environment.sourceFolder { fields.append(("source", .scalar(.string(source)))) }
            if environment.source == nil, case .conflict? = environment.inferredSource {
                output.problems.append(ConfigProblem(.warning, "environment '\(environment.name)': \(environment.inferredSource!.explanation); "
                    + "set source to the folder to publish as the dags folder (deploy refuses until then)",
                    path: input.configuration.path, at: environment.location))
            }
            if let repository = environment.repository {
                fields.append(("repository", .scalar(.string(repository))))
                fields.append(("branch", .scalar(.string(environment.branch ?? "acme/\(environment.name)"))))
            }
            fields += [
                ("files", .sequence(Array(Set(files)).sorted().map { .scalar(.string($0)) })),
                ("dags", .sequence(entries)),
            ]
            output.files.append(input.yamlFile(Self.fileName(environment: environment.name), .mapping(fields)))
        }
        return output
    }
}
