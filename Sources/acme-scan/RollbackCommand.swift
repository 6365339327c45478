import AcmeScanKit
import ArgumentParser

/// `acme-scan rollback FLOW... --env ENV`: an earlier release back into an environment.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Put back an earlier release (default: the one deployed before the current one, from the journal).",
        discussion: "Recorded like a promotion. Exit codes: 0 done; 1 some deployment failed; 2 refused (usage, no earlier release)."
    )

    @Argument(help: "Flow names or dag_ids (an Airflow environment rolls back its whole release: none needed).")
    var flows: [String] = []

    @Option(help: "The environment.")
    var env: String

    @Option(name: .customLong("to"), help: "The release: a commit SHA (or its prefix) the journal shows in this environment.")
    var release: String?

    @Option(help: "The branch whose deployments are rolled back (default: the current branch).")
    var branch: String?

    @Flag(help: "Print the plan and change nothing.")
    var dryRun = false

    @Option(help: "Output format.")
    var format: DeployOutputFormat = .text

    @OptionGroup var backend: BackendArguments

    @OptionGroup var lock: LockArguments

    @OptionGroup var discovery: DiscoveryArguments

    func run() async throws {
        var job = RollbackJob(path: backend.path, flows: flows, environment: env, release: release, branch: branch, dryRun: dryRun,
            format: format, discovery: discovery.overrides)
        job.verbose = backend.verbose
        job.lockTimeout = lock.seconds
        let status = try await job.run()
        if status != 0 { throw ExitCode(status) }
    }
}
