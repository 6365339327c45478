
/// The Airflow major version the DAGs are read for, and why (written into flows.json): it decides the
/// `.airflowignore` syntax, the safe-mode test and which arguments and imports
/// fail. The command line beats acme.toml, which beats what the project shows
/// (ProjectConfiguration's `AirflowVersionEvidence`); with nothing to go on, Airflow 3.
public struct AirflowTarget: Sendable, Equatable {
    public enum Source: String, Sendable {
        case commandLine = "command-line"
        case configuration
        case inferred
        case `default`
    }

    public var major: Int
    public var source: Source
    /// Where it comes from, for the summary and the manifest: `Dockerfile:1: FROM apache/airflow:2.10.4`.
    public var reason: String

    public init(major: Int, source: Source, reason: String) {
        self.major = major
        self.source = source
        self.reason = reason
    }

    public static let newest = 3
}

