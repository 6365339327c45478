import AcmeScanKit
import ArgumentParser
import FlowChecks
import FlowManifest

/// The options every command that scans takes, declared once: they beat acme.toml.
struct DiscoveryArguments: ParsableArguments {
    @Option(help: "Airflow major version the DAGs target (default: acme.toml's airflow-version, else inferred from the project, else 3).")
    var airflowVersion: AirflowMajorVersion?

    @Option(name: .customLong("dag-class"), help: "A qualified DAG class name to treat as a DAG (repeatable; added to acme.toml's dag-classes).")
    var dagClasses: [String] = []

    @Flag(help: "Do not read or write the per-file result cache (.acme-scan-cache).")
    var noCache = false

    var overrides: DiscoveryOverrides {
        DiscoveryOverrides(airflowVersion: airflowVersion?.rawValue, dagClasses: dagClasses, useCache: !noCache)
    }
}

enum AirflowMajorVersion: Int, CaseIterable, ExpressibleByArgument {
    case two = 2
    case three = 3
}

/// `check --format`: the names of the reporters in ``Reporters``.
struct ReporterName: ExpressibleByArgument {
    let name: String

    init?(argument: String) {
        guard Reporters.named(argument) != nil else { return nil }
        name = argument
    }

    static var allValueStrings: [String] { Reporters.all.map { $0.name } }
    var defaultValueDescription: String { name }
}

/// `scan --format`: the names of the formats in ``ManifestFormats``.
struct ManifestFormatName: ExpressibleByArgument {
    let name: String

    init?(argument: String) {
        guard ManifestFormats.named(argument) != nil else { return nil }
        name = argument
    }

    static var allValueStrings: [String] { ManifestFormats.all.map { $0.name } }
    var defaultValueDescription: String { name }
}

/// What every command that talks to a backend takes.
struct BackendArguments: ParsableArguments {
    @Option(help: "The project folder, or a folder inside it.")
    var path: String = "."

    @Flag(help: "Log every request to the backend on standard error (method, URL, status, time; credentials redacted).")
    var verbose = false
}
