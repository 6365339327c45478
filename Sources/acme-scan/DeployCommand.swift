import AcmeScanKit
import ArgumentParser

/// `acme-scan deploy [FLOW...]`: the release at HEAD into an environment.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy the release at HEAD, or at --ref (its commit, and the image named for it), into an environment.",
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

    @Option(help: "Deploy the commit this branch, tag or SHA names, read from git's objects (the working tree is not read).")
    var ref: String?

    @Flag(help: "Print the plan (create, update with the fields that change, unchanged, delete) and change nothing.")
    var dryRun = false

    @Flag(help: "Also delete this project's deployments in the environment whose flow is gone.")
    var prune = false

    @Flag(help: "Airflow bundle mode: move the environment branch even when that is not a fast-forward.")
    var force = false

    @Flag(help: "Deploy even when flow files or acme.toml have uncommitted changes (recorded as dirty).")
    var allowDirty = false

    @Option(help: "Output format.")
    var format: DeployOutputFormat = .text

    @OptionGroup var backend: BackendArguments

    @OptionGroup var lock: LockArguments

    @OptionGroup var discovery: DiscoveryArguments

    func run() async throws {
        var job = DeployJob(path: backend.path, flows: flows, environment: env, ref: ref, dryRun: dryRun, prune: prune, allowDirty: allowDirty,
            format: format, discovery: discovery.overrides)
        job.verbose = backend.verbose
        job.lockTimeout = lock.seconds
        job.force = force
        let status = try await job.run()
        if status != 0 { throw ExitCode(status) }
    }
}

extension DeployOutputFormat: ExpressibleByArgument {}
extension DeploymentsFormat: ExpressibleByArgument {}
