import FlowDiscovery
import Foundation
import ProjectConfiguration

/// `source` of the Airflow dags-folder environments whose acme.toml does not set it:
/// the folder the DAGs import the project's modules from (``DagImportRoot``), read from
/// the tree that ships (the working tree for `generate` and `deploy`, a release
/// commit's tree for `deploy --ref`, `promote` and `rollback`). `init` writes the same
/// decision into acme.toml.
enum AirflowSource {
    /// What the Airflow DAGs among `flows` need published, from their files under `root`,
    /// walked as the scan walks them. Test code's throwaway DAGs are never deployed: where
    /// a test file lives says nothing about the dags folder.
    static func decide(flows: [Flow], root: URL, walk: WalkOptions) -> DagImportRoot.Decision {
        let dagFiles = Array(Set(flows.filter { $0.kind == .airflow && !$0.testCode }.map(\.file))).sorted()
        guard !dagFiles.isEmpty else { return .folder("", because: nil) }
        let files = FileWalker(root: root, options: walk).walk().files
        return DagImportRoot.decide(dagFiles: dagFiles, evidence: DagImportRoot.evidence(folder: root, files: files, dagFiles: dagFiles))
    }

    /// Whether `environment` publishes a folder that acme.toml does not name.
    static func isInferred(_ environment: Environment) -> Bool {
        environment.backend == .airflow && environment.dagsFolder != nil && environment.source == nil
            && environment.inferredSource == nil
    }

    /// `environment` with `source` inferred when acme.toml leaves it out; on a conflict
    /// `source` stays unset and the deploy refuses, saying why (``Environment/inferredSource``).
    static func resolve(_ environment: Environment, flows: [Flow], root: URL, walk: WalkOptions) -> Environment {
        guard isInferred(environment) else { return environment }
        return apply(decide(flows: flows, root: root, walk: walk), to: environment)
    }

    /// Every environment of `configuration` resolved, with one decision for them all.
    static func resolve(_ configuration: ProjectConfiguration, flows: [Flow], walk: WalkOptions) -> ProjectConfiguration {
        guard configuration.environments.contains(where: isInferred) else { return configuration }
        let decision = decide(flows: flows, root: configuration.folder, walk: walk)
        var resolved = configuration
        resolved.environments = configuration.environments.map { isInferred($0) ? apply(decision, to: $0) : $0 }
        return resolved
    }

    private static func apply(_ decision: DagImportRoot.Decision, to environment: Environment) -> Environment {
        var environment = environment
        environment.inferredSource = decision
        environment.source = decision.folder
        return environment
    }
}
