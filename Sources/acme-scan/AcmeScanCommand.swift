import AcmeScanKit
import ArgumentParser
import Foundation
import FlowManifest

/// The root command. `acme-scan [PATH]` runs `scan`, the default subcommand.
struct AcmeScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acme-scan",
        abstract: "Find Prefect flows and Airflow DAGs without running any Python.",
        discussion: """
            Exit codes: 0 the command completed (for scan, diagnostics about the scanned \
            code are data, not failure); 1 check found an error-severity problem (any \
            problem with --strict), generate --check found stale files, or a deployment \
            failed; 2 usage, configuration or I/O error, or a deploy refused before \
            changing anything.
            """,
        version: Generator.version,
        subcommands: [ScanCommand.self, CheckCommand.self, RulesCommand.self, InitCommand.self, GenerateCommand.self,
            DeployCommand.self, PromoteCommand.self, DeploymentsCommand.self, HistoryCommand.self, RollbackCommand.self, RegistryCommand.self],
        defaultSubcommand: ScanCommand.self
    )
}

@main
enum Main {
    static func main() async {
        do {
            var command = try AcmeScanCommand.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let error as AcmeError {
            FileHandle.standardError.write(Data("acme-scan: \(error)\n".utf8))
            exit(error.exitCode)
        } catch let status as ExitCode {
            // A command's own result (check found errors): no message, just the code.
            exit(status.rawValue)
        } catch {
            let code = AcmeScanCommand.exitCode(for: error)
            if code == .success {
                // --help and --version print to stdout and succeed.
                print(AcmeScanCommand.fullMessage(for: error))
                exit(0)
            }
            FileHandle.standardError.write(Data("acme-scan: \(AcmeScanCommand.message(for: error))\n".utf8))
            // Usage errors are 2, like every other failure of the tool itself.
            exit(2)
        }
    }
}
