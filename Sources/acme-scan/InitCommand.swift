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

    @Flag(help: ArgumentHelp("Also write .acme_portal_sdk/, the four files through which the acme-portal VS Code extension runs acme-scan.",
        discussion: "An existing acme.toml is then kept as it is."))
    var acmePortal = false

    @Flag(help: "Overwrite an existing acme.toml (and, with --acme-portal, .acme_portal_sdk files acme-scan did not write).")
    var force = false

    func run() throws {
        try InitJob(path: path, force: force, acmePortal: acmePortal).run()
    }
}
