import AcmeScanKit
import ArgumentParser

/// `acme-scan deployments`: the flows × environments matrix, from the backends.
struct DeploymentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deployments",
        abstract: "Show what each environment runs: per flow the commit, version and paused state, with drift marked.",
        discussion: """
            Drift: an environment behind the one before it, a deployment changed on the server by hand \
            (it differs from what acme-scan produces for its commit), and orphans (deployments of this \
            project that no flow produces any more). Exit codes: 0 read; 1 some backend could not be read; 2 usage.
            """
    )

    @Option(help: "Only these environments (repeatable).")
    var env: [String] = []

    @Option(help: "Output format: table, json, or acme-portal (the SDK's DeploymentDetails list).")
    var format: DeploymentsFormat = .table

    @OptionGroup var backend: BackendArguments

    @OptionGroup var discovery: DiscoveryArguments

    func run() async throws {
        var job = DeploymentsJob(path: backend.path, environments: env, format: format, discovery: discovery.overrides)
        job.verbose = backend.verbose
        let status = try await job.run()
        if status != 0 { throw ExitCode(status) }
    }
}
