import AcmeScanKit
import ArgumentParser

/// `acme-scan deploy [FLOW...]`: the release at HEAD into an environment.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy the release at HEAD (its commit, and the image named for it) into an environment.",
        discussion: """
            Refuses flow files or acme.toml with uncommitted changes (--allow-dirty to deploy them anyway, \
            recorded as dirty). Every result is journaled in the registry (acme-scan history). \
            Exit codes: 0 done, or nothing to do; 1 some deployment failed (each result says which; \
            run again to converge); 2 refused before changing anything (usage, configuration, dirty tree).
            """
    )

    @Argument(help: "Flow names or dag_ids (default: every deployable flow).")
    var flows: [String] = []

    @Option(help: "The environment (default: the first of the promotion order).")
    var env: String?

    @Flag(help: "Print the plan (create, update with the fields that change, unchanged, delete) and change nothing.")
    var dryRun = false

    @Flag(help: "Also delete this project's deployments in the environment whose flow is gone.")
    var prune = false

    @Flag(help: "Deploy even when flow files or acme.toml have uncommitted changes (recorded as dirty).")
    var allowDirty = false

    @Option(help: "Output format.")
    var format: DeployOutputFormat = .text

    @Option(help: "The project folder, or a folder inside it.")
    var path: String = "."

    @OptionGroup var discovery: DiscoveryArguments

    func run() async throws {
        let job = DeployJob(path: path, flows: flows, environment: env, dryRun: dryRun, prune: prune, allowDirty: allowDirty,
            format: format, discovery: discovery.overrides)
        let status = try await job.run()
        if status != 0 { throw ExitCode(status) }
    }
}

extension DeployOutputFormat: ExpressibleByArgument {}
extension DeploymentsFormat: ExpressibleByArgument {}
