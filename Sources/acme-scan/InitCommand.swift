import AcmeScanKit
import ArgumentParser

/// `acme-scan init`: a starter acme.toml.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter acme.toml from the flows found, with environments dev, tst, uat, prod."
    )

    @Argument(help: "The project folder (default: .).")
    var path: String = "."

    @Flag(help: "Overwrite an existing acme.toml.")
    var force = false

    func run() throws {
        try InitJob(path: path, force: force).run()
    }
}
