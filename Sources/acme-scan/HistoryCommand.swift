import AcmeScanKit
import ArgumentParser

/// `acme-scan history [FLOW]`: the journal.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List every deploy, promotion, rollback and prune the journal holds, oldest first."
    )

    @Argument(help: "Only this flow.")
    var flow: String?

    @Option(help: "Only these environments (repeatable).")
    var env: [String] = []

    @Option(help: "Output format.")
    var format: DeployOutputFormat = .text

    @Option(help: "The project folder, or a folder inside it.")
    var path: String = "."

    func run() async throws {
        _ = try await HistoryJob(path: path, flow: flow, environments: env, format: format).run()
    }
}
