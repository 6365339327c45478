import AcmeScanKit
import ArgumentParser

/// `acme-scan registry import FILE`: an SQLite journal into the shared registry.
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Manage the registry: the journal, the local backend's deployments and the environment locks.",
        subcommands: [RegistryImportCommand.self]
    )
}

struct RegistryImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Copy an SQLite registry's journal and local deployments into the registry acme.toml names.",
        discussion: """
            For moving a team onto a shared PostgreSQL registry: FILE is a runner's .acme-scan/registry.sqlite. \
            Events already in the target are skipped and existing local deployments are kept, so running it \
            again adds nothing. Exit codes: 0 copied; 2 usage, configuration, or a registry that cannot be read or written.
            """
    )

    @Argument(help: "The SQLite registry to copy from.")
    var file: String

    @Option(help: "The environment whose registry receives the copy (default: the first).")
    var env: String?

    @Option(help: "The project folder, or a folder inside it.")
    var path: String = "."

    func run() async throws {
        let status = try await RegistryImportJob(path: path, file: file, environment: env).run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// `--lock-timeout` of deploy, promote and rollback.
struct LockArguments: ParsableArguments {
    @Option(help: ArgumentHelp("How long to wait for another run's lock of the environment: seconds, or 90s, 5m, 1h.",
        discussion: "While waiting, who holds it is printed; when the time is up the command exits 2 having changed nothing."))
    var lockTimeout: String = "5m"

    var seconds: Double { LockTimeout.parse(lockTimeout) ?? LockTimeout.defaultSeconds }

    func validate() throws {
        guard LockTimeout.parse(lockTimeout) != nil else {
            throw ValidationError("--lock-timeout: '\(lockTimeout)' is not a duration (300, 90s, 5m, 1h)")
        }
    }
}
