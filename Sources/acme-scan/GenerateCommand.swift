import AcmeScanKit
import ArgumentParser

/// `acme-scan generate`: deployment files from the flows and acme.toml.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write prefect.yaml and Airflow deployment files from the flows and acme.toml.",
        discussion: """
            Exit codes: 0 written, or up to date with --check; 1 --check found stale files \
            (a unified diff is printed); 2 configuration, usage or I/O error.
            """
    )

    @Argument(help: "The project folder, or a folder inside it (default: .).")
    var path: String = "."

    @Option(help: "Only this environment.")
    var env: String?

    @Option(help: "Where to write (default: the folder holding acme.toml).")
    var outputDir: String?

    @Option(help: "manifest (prefect.yaml and airflow.<env>.yaml) or acme-portal (also .acme_portal_sdk/static_flow_deploy_config.yaml).")
    var format: GenerateFormat = .manifest

    @OptionGroup var discovery: DiscoveryArguments

    @Flag(help: "Write nothing; exit 1 with a diff when the files on disk are not what would be generated.")
    var check = false

    @Flag(help: "Overwrite files that acme-scan did not generate.")
    var force = false

    @Option(help: "The branch to name deployments after (default: git's; GITHUB_HEAD_REF or GITHUB_REF_NAME on a detached HEAD).")
    var branch: String?

    @Option(help: "The commit to deploy (default: git's HEAD).")
    var commit: String?

    @Option(help: "The repository workers clone (default: git's origin, in https form).")
    var remote: String?

    func run() throws {
        let job = GenerateJob(path: path, outputDirectory: outputDir, environment: env, acmePortal: format == .acmePortal,
            check: check, force: force, branch: branch, commit: commit, remote: remote, discovery: discovery.overrides)
        let status = try job.run()
        if status != 0 { throw ExitCode(status) }
    }
}

enum GenerateFormat: String, CaseIterable, ExpressibleByArgument {
    case manifest
    case acmePortal = "acme-portal"
}
