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

    @Option(help: "Output format: manifest is flows.json; acme-portal the FlowDetails list the editor extension reads.")
    var format = ManifestFormatName(argument: FlowsJSONFormat.name)!

    @Option(name: .customLong("exclude"), help: "Leave out paths matching this gitignore-style glob (repeatable).")
    var excludes: [String] = []

    @Option(name: .customLong("include"), help: "Take in paths matching this glob even when ignored (repeatable).")
    var includes: [String] = []

    @Option(help: "Override the .airflowignore syntax: regexp or glob (default: regexp for Airflow 2, glob for 3).")
    var airflowignoreSyntax: String?

    @Option(name: .customLong("kind"), help: "Only find flows of this kind: prefect or airflow (repeatable; default both).")
    var kinds: [String] = []

    @Flag(help: "Parse every file, even those that cannot define a flow (for checking the pre-filter).")
    var noPrefilter = false

    @OptionGroup var discovery: DiscoveryArguments

    @Flag(name: .shortAndLong, help: "Print nothing on standard error.")
    var quiet = false

    func validate() throws {
        for kind in kinds where FlowKind(rawValue: kind) == nil {
            throw ValidationError("unknown kind '\(kind)'; expected prefect or airflow")
        }
        if let syntax = airflowignoreSyntax, syntax != "regexp" && syntax != "glob" {
            throw ValidationError("--airflowignore-syntax must be regexp or glob")
        }
    }

    func run() throws {
        let destination: ScanJob.Output = switch output {
        case nil: .defaultFile
        case "-"?: .standardOutput
        case let file?: .file(file)
        }
        let job = ScanJob(path: path, output: destination, format: ManifestFormats.named(format.name)!,
            walk: WalkOptions(excludes: excludes, includes: includes, airflowIgnoreSyntax: airflowignoreSyntax),
            discovery: discovery.overrides, kinds: Set(kinds.compactMap(FlowKind.init(rawValue:))), usePrefilter: !noPrefilter,
            quiet: quiet)
        try job.run()
    }
}
