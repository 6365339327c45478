import AcmeScanKit
import ArgumentParser
import FlowChecks
import FlowDiscovery
import Foundation

/// `acme-scan check [PATH...]`: run the rules, for pre-commit and CI.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check flows and DAGs; exit 1 on any error-severity finding.",
        discussion: "Exit codes: 0 clean or warnings only; 1 an error finding (any finding with --strict); 2 usage or I/O error."
    )

    @Argument(help: "Folders or files to check (default: .). Given files, only their findings are reported.")
    var paths: [String] = []

    @Option(help: "Report format.")
    var format = ReporterName(argument: TextReporter.name)!

    @Option(help: "Also run these rules (codes or names, repeatable; ALL for every rule).")
    var select: [String] = []

    @Option(help: "Do not run these rules (codes or names, repeatable).")
    var ignore: [String] = []

    @Flag(help: "Exit 1 on any finding, warnings included.")
    var strict = false

    @OptionGroup var discovery: DiscoveryArguments

    func validate() throws {
        for code in select + ignore where code != "ALL" && RuleRegistry.rule(code) == nil {
            throw ValidationError("unknown rule '\(code)'; `acme-scan rules` lists them")
        }
    }

    func run() throws {
        let colour = isatty(STDOUT_FILENO) == 1
        let job = CheckJob(paths: paths, reporter: Reporters.named(format.name, colour: colour)!,
            selection: RuleSelection(select: select, ignore: ignore), strict: strict, discovery: discovery.overrides)
        let status = try job.run()
        if status != 0 { throw ExitCode(status) }
    }
}
