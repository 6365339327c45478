import DeployRegistry
import Foundation
import ProjectConfiguration

/// Makes the backend of an environment (``Registries`` opens its registry).
public enum Backends {
    /// Credentials come only from `variables` (the process environment). `dynamicFiles`: files
    /// (relative to the project root) making DAGs whose ids the scan cannot know, which
    /// Airflow's check does not count as left over; `releaseDAGs`: every named DAG of the
    /// release (dag_id -> file), so that one not deployed here but loaded is.
    public static func make(_ environment: Environment, projectRoot: URL, registry: (any Registry)?,
        variables: [String: String] = ProcessInfo.processInfo.environment, dynamicFiles: Set<String> = [],
        releaseDAGs: [String: String] = [:],
        httpLog: (@Sendable (String) -> Void)? = nil) throws -> any DeploymentBackend
    {
        switch environment.backend {
        case .local:
            // Only the local backend keeps its deployments in the registry; the others need none to be made.
            guard let registry else { throw BackendError("environment '\(environment.name)' uses the local backend, which needs its registry") }
            return LocalBackend(environment: environment, registry: registry)
        case .prefect:
            return try PrefectBackend(environment: environment, variables: variables, logger: httpLog)
        case .airflow:
            return try AirflowBackend(environment: environment, projectRoot: projectRoot, dynamicFiles: dynamicFiles,
                releaseDAGs: releaseDAGs, variables: variables, logger: httpLog)
        }
    }
}
