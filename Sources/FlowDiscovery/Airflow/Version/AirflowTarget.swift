/// The Airflow major version a DAG file is read for, and why (written into
/// flows.json): it decides the `.airflowignore` syntax, the safe-mode test and
/// which arguments and imports fail. The command line beats acme.toml, which
/// beats what the project's files show (``AirflowTargets``); with nothing to go
/// on, Airflow 3.
public struct AirflowTarget: Sendable, Hashable {
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

    /// Airflow 3 when nothing says otherwise.
    public static let fallback = AirflowTarget(major: newest, source: .default,
        reason: "no airflow-version setting and no Airflow version in the project's files")
}

/// How a scan picks the Airflow each DAG file targets.
public enum AirflowVersionSetting: Sendable, Equatable {
    /// One version for every file (`--airflow-version`, acme.toml's `airflow-version`).
    case fixed(AirflowTarget)
    /// Per file, from the files that install Airflow nearest to it (``AirflowTargets``).
    case inferred

    /// A fixed major version, as tests and library callers name it.
    public static func major(_ major: Int) -> AirflowVersionSetting {
        .fixed(AirflowTarget(major: major, source: .configuration, reason: "airflow-version = \(major)"))
    }

    /// The majors files may be read for, for pre-filters that must admit every file a detector could use.
    public var possibleMajors: Set<Int> {
        switch self {
        case .fixed(let target): [target.major]
        case .inferred: [2, 3]
        }
    }

    /// Part of the result cache's key: a change of setting invalidates every entry.
    var cacheKey: String {
        switch self {
        case .fixed(let target): "airflow\(target.major)"
        case .inferred: "airflow-inferred"
        }
    }
}
