import FlowDiscovery
import Foundation
import PrefectYAMLImport
import ProjectConfiguration

/// `acme-scan init --from-prefect-yaml [FILE...]`: acme.toml from the project's
/// hand-written prefect.yaml files (by default every prefect.yaml in the tree), so
/// that `generate` writes deployments that deploy exactly what they deploy.
public struct PrefectImportJob {
    public var path: String
    /// The files to import, relative to the working directory; empty: every prefect.yaml under `path`.
    public var files: [String]
    /// In promotion order; nil: those of the acme.toml already there.
    public var environments: [String]?
    public var force: Bool

    public init(path: String = ".", files: [String] = [], environments: [String]? = nil, force: Bool = false) {
        self.path = path
        self.files = files
        self.environments = environments
        self.force = force
    }

    public func run(log: Log = .standardError) throws {
        let folder = URL(fileURLWithPath: path).standardizedFileURL
        var isLink = false
        guard FileWalker.kind(of: folder.path, isLink: &isLink) == .directory else { throw AcmeError.missingPath(path) }
        if !force { try InitJob.refuseToOverwrite(in: folder) }
        let existing: SettingsFile?
        do {
            existing = try SettingsFile.read(in: folder)
        } catch {
            throw AcmeError.usage(error.message)
        }
        let names = environments ?? existing.map { ProjectConfiguration.read($0).environments.map(\.name) } ?? []
        guard !names.isEmpty else {
            throw AcmeError.usage("--environments: name the environments in promotion order (--environments staging,prod), or give an acme.toml with [[environments]]")
        }
        if let bad = names.first(where: { $0.range(of: "^[A-Za-z0-9_-]+$", options: .regularExpression) == nil }) {
            throw AcmeError.usage("--environments: '\(bad)' may only hold letters, digits, '-' and '_'")
        }
        if Set(names).count != names.count { throw AcmeError.usage("--environments: an environment is named twice") }
        let sources = try self.sources(in: folder)
        let settings = try CommandSettings(from: folder, reader: .scan, overrides: DiscoveryOverrides())
        let flows = try ProjectFlows.load(settings, log: log)
        let outcome = PrefectYAMLImport(projectFolder: folder, flows: flows, environments: names, existing: existing).run(sources)
        for note in outcome.notes { log.write(note.description) }
        guard let text = outcome.text else {
            let errors = outcome.notes.filter { $0.severity == .error }.count
            throw AcmeError.usage("\(errors) error\(errors == 1 ? "" : "s") in the prefect.yaml files; nothing written")
        }
        let target = folder.appendingPathComponent(SettingsFile.fileName)
        try AtomicFile.write(text, to: target.path)
        let left = outcome.notes.filter { $0.severity == .warning }.count
        log.write("wrote \(ScanJob.displayPath(target.path)) from \(sources.count) file\(sources.count == 1 ? "" : "s"): "
            + "\(outcome.deployments) deployment\(outcome.deployments == 1 ? "" : "s"), prefect-yaml = \"\(outcome.layout.rawValue)\""
            + (left == 0 ? "" : "; \(left) setting\(left == 1 ? "" : "s") not carried over (above)")
            + "; `acme-scan generate --force` replaces the files")
    }

    /// The files, relative to the project folder, in path order.
    private func sources(in folder: URL) throws -> [PrefectYAMLImport.Source] {
        var paths: [String]
        if files.isEmpty {
            var walk = WalkOptions()
            walk.alsoNamed = ["prefect.yaml"]
            paths = FileWalker(root: folder, options: walk).walk().namedFiles
            guard !paths.isEmpty else { throw AcmeError.usage("no prefect.yaml under \(ScanJob.displayPath(folder.path)); name the files to import") }
        } else {
            paths = try files.map { file in
                let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
                guard absolute.hasPrefix(folder.path + "/") else {
                    throw AcmeError.usage("\(file): not inside the project folder \(ScanJob.displayPath(folder.path))")
                }
                return String(absolute.dropFirst(folder.path.count + 1))
            }
        }
        return try paths.sorted().map { relative in
            let url = folder.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw AcmeError.missingPath(ScanJob.displayPath(url.path)) }
            guard let text = String(data: data, encoding: .utf8) else { throw AcmeError.usage("\(ScanJob.displayPath(url.path)): not UTF-8 text") }
            return PrefectYAMLImport.Source(path: relative, text: text)
        }
    }
}
