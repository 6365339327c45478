import AcmeScanKit
import ArgumentParser

/// `acme-scan promote [FLOW...] --to ENV`: the release live in one environment into the next.
struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Promote the release deployed in the source environment (exactly that commit and image) into the next.",
        discussion: """
            The release is read from the source environment's backend, not from the working tree, and the \
            target is built from the tree at the release's commit with the target's settings. Exit codes: \
            0 done; 1 some deployment failed; 2 refused before changing anything (usage, configuration, \
            environment order, the promote-requires gate).
            """
    )

    @Argument(help: "Flow names or dag_ids (default: every flow deployed in the source).")
    var flows: [String] = []

    @Option(help: "The environment to promote into.")
    var to: String

    @Option(help: "The environment to promote from (default: the one before --to).")
    var from: String?

    @Option(help: "The branch whose deployments are promoted (default: the current branch).")
    var branch: String?

    @Flag(help: "Allow promoting from an environment other than the one just before --to.")
    var skipOrder = false

    @Flag(help: "Airflow bundle mode: move the environment branch even when that is not a fast-forward.")
    var force = false

    @Flag(help: "Print the plan and change nothing.")
    var dryRun = false

    @Option(help: "Output format.")
    var format: DeployOutputFormat = .text

    @OptionGroup var backend: BackendArguments

    @OptionGroup var lock: LockArguments

    @OptionGroup var discovery: DiscoveryArguments

    func run() async throws {
        var job = PromoteJob(path: backend.path, flows: flows, target: to, source: from, branch: branch, skipOrder: skipOrder, dryRun: dryRun,
            format: format, discovery: discovery.overrides)
        job.verbose = backend.verbose
        job.lockTimeout = lock.seconds
        job.force = force
        let status = try await job.run()
        if status != 0 { throw ExitCode(status) }
    }
}
