import AcmeScanKit
import ArgumentParser
import Foundation

/// `acme-scan init`: a starter acme.toml, or one imported from existing prefect.yaml files.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter acme.toml from the flows found, with environments dev, tst, uat, prod.",
        discussion: """
            With --from-prefect-yaml, write acme.toml from the project's hand-written prefect.yaml files instead \
            (every prefect.yaml in the tree, or the FILEs given): each deployment matched to its flow by entrypoint \
            and to its environment by an env tag or the end of its name, each setting at the most general level \
            that holds it, and what acme.toml cannot say reported with its file and line. A prefect.yaml is read \
            as deployed from its folder; a file by another name as deployed from the project root (--prefect-file). \
            Exit codes: 0 written; 2 a deployment could not be matched, or usage or I/O error (nothing written).
            """
    )

    @Argument(help: "The project folder (default: .); with --from-prefect-yaml, also the prefect.yaml files to import.")
    var paths: [String] = []

    @Flag(name: .customLong("from-prefect-yaml"), help: "Import the deployments of existing prefect.yaml files.")
    var fromPrefectYAML = false

    @Option(help: "With --from-prefect-yaml: the environments, in promotion order (default: those of the acme.toml already there).")
    var environments: String?

    @Flag(help: ArgumentHelp("Also write .acme_portal_sdk/, the four files through which the acme-portal VS Code extension runs acme-scan.",
        discussion: "An existing acme.toml is then kept as it is."))
    var acmePortal = false

    @Flag(help: "Overwrite an existing acme.toml (and, with --acme-portal, .acme_portal_sdk files acme-scan did not write).")
    var force = false

    func run() throws {
        var folders: [String] = [], files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { folders.append(path) } else { files.append(path) }
        }
        guard folders.count <= 1 else { throw ValidationError("give one project folder, not \(folders.count)") }
        guard fromPrefectYAML || files.isEmpty else { throw ValidationError("\(files[0]): not a folder (files are read with --from-prefect-yaml)") }
        guard fromPrefectYAML || environments == nil else { throw ValidationError("--environments goes with --from-prefect-yaml") }
        guard !(fromPrefectYAML && acmePortal) else { throw ValidationError("--acme-portal and --from-prefect-yaml: run init twice, --from-prefect-yaml first") }
        let folder = folders.first ?? "."
        if fromPrefectYAML {
            let names = environments.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            try PrefectImportJob(path: folder, files: files, environments: names, force: force).run()
        } else {
            try InitJob(path: folder, force: force, acmePortal: acmePortal).run()
        }
    }
}
