import DeployRegistry
import Foundation
import ProjectConfiguration

/// Makes the backend of an environment, and opens the registry its journal goes to.
public enum Backends {
    /// The registry of `environment`: its `registry` setting (relative to the project root), else the project's.
    public static func registryPath(for environment: Environment, projectRoot: URL) -> String {
        guard let path = environment.registry else { return Registry.defaultPath(projectRoot: projectRoot) }
        return path.hasPrefix("/") ? path : projectRoot.appendingPathComponent(path).standardizedFileURL.path
    }

    /// Credentials come only from `variables` (the process environment). `dynamicFiles`: files
    /// (relative to the project root) making DAGs whose ids the scan cannot know, which
    /// Airflow's check does not count as left over; `releaseDAGs`: every named DAG of the
    /// release (dag_id -> file), so that one not deployed here but loaded is.
    public static func make(_ environment: Environment, projectRoot: URL, registry: Registry,
        variables: [String: String] = ProcessInfo.processInfo.environment, dynamicFiles: Set<String> = [],
        releaseDAGs: [String: String] = [:],
        httpLog: (@Sendable (String) -> Void)? = nil) throws -> any DeploymentBackend
    {
        switch environment.backend {
        case .local:
            return LocalBackend(environment: environment, registry: registry)
        case .prefect:
            return try PrefectBackend(environment: environment, variables: variables, logger: httpLog)
        case .airflow:
            return try AirflowBackend(environment: environment, projectRoot: projectRoot, dynamicFiles: dynamicFiles,
                releaseDAGs: releaseDAGs, variables: variables, logger: httpLog)
        }
    }
}
