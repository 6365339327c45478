import AcmeScanKit
import ArgumentParser
import FlowDiscovery
import FlowManifest

/// `acme-scan scan [PATH]`: write the flows manifest.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan PATH for flows and write flows.json at its root."
    )

    @Argument(help: "Folder (or single .py file) to scan.")
    var path: String = "."

    @Option(name: .shortAndLong, help: "Where to write the manifest; '-' for standard output. Default: PATH/flows.json.")
    var output: String?

    @Option(help: "Output format: manifest (flows.json) or acme-portal (FlowDetails list for the editor extension).")
    var format: String = FlowsJSONFormat.name

    @Option(name: .customLong("exclude"), help: "Leave out paths matching this gitignore-style glob (repeatable).")
    var excludes: [String] = []

    @Option(name: .customLong("include"), help: "Take in paths matching this glob even when ignored (repeatable).")
    var includes: [String] = []

    @Option(help: "Airflow major version the DAGs target (2 or 3): picks the .airflowignore syntax, the safe-mode test and removed-argument checks.")
    var airflowVersion: Int = 3

    @Option(help: "Override the .airflowignore syntax: regexp or glob (default: regexp for Airflow 2, glob for 3).")
    var airflowignoreSyntax: String?

    @Option(name: .customLong("dag-class"), help: "Treat this qualified class name (mylib.dags.TeamDAG) as an Airflow DAG class (repeatable).")
    var dagClasses: [String] = []

    @Option(name: .customLong("kind"), help: "Only find flows of this kind: prefect or airflow (repeatable; default both).")
    var kinds: [String] = []

    @Flag(help: "Parse every file, even those that cannot define a flow (for checking the pre-filter).")
    var noPrefilter = false

    @Flag(help: "Do not read or write the per-file result cache (.acme-scan-cache).")
    var noCache = false

    @Flag(name: .shortAndLong, help: "Print nothing on standard error.")
    var quiet = false

    func validate() throws {
        guard airflowVersion == 2 || airflowVersion == 3 else {
            throw ValidationError("--airflow-version must be 2 or 3")
        }
        for kind in kinds where FlowKind(rawValue: kind) == nil {
            throw ValidationError("unknown kind '\(kind)'; expected prefect or airflow")
        }
        if let syntax = airflowignoreSyntax, syntax != "regexp" && syntax != "glob" {
            throw ValidationError("--airflowignore-syntax must be regexp or glob")
        }
        guard ManifestFormats.named(format) != nil else {
            let names = ManifestFormats.all.map { $0.name }.joined(separator: ", ")
            throw ValidationError("unknown format '\(format)'; expected one of: \(names)")
        }
    }

    func run() throws {
        let destination: ScanJob.Output = switch output {
        case nil: .defaultFile
        case "-"?: .standardOutput
        case let file?: .file(file)
        }
        let job = ScanJob(path: path, output: destination, format: ManifestFormats.named(format)!,
            walk: WalkOptions(excludes: excludes, includes: includes, airflowVersion: airflowVersion,
                airflowIgnoreSyntax: airflowignoreSyntax),
            kinds: Set(kinds.compactMap(FlowKind.init(rawValue:))), dagClasses: dagClasses, usePrefilter: !noPrefilter,
            useCache: !noCache, quiet: quiet)
        try job.run()
    }
}
