import FlowDiscovery
import FlowManifest
import Foundation

/// `acme-scan scan`: scan a tree, write its manifest, report a summary.
public struct ScanJob {
    public enum Output: Equatable {
        /// `flows.json` at the scanned root.
        case defaultFile
        case file(String)
        case standardOutput
    }

    public var path: String
    public var output: Output
    public var format: any ManifestFormat
    /// `--exclude`, `--include`, `--airflowignore-syntax`; the Airflow version comes from the settings.
    public var walk: WalkOptions
    /// What beats acme.toml: `--airflow-version`, `--dag-class`, `--no-cache`.
    public var discovery: DiscoveryOverrides
    /// Kinds of flow to find; empty means all.
    public var kinds: Set<FlowKind>
    public var usePrefilter: Bool
    public var quiet: Bool

    public init(path: String = ".", output: Output = .defaultFile, format: any ManifestFormat = FlowsJSONFormat(),
        walk: WalkOptions = WalkOptions(), discovery: DiscoveryOverrides = DiscoveryOverrides(useCache: false),
        kinds: Set<FlowKind> = [], usePrefilter: Bool = true, quiet: Bool = false)
    {
        self.kinds = kinds
        self.path = path
        self.output = output
        self.format = format
        self.walk = walk
        self.discovery = discovery
        self.usePrefilter = usePrefilter
        self.quiet = quiet
    }

    public static let defaultFileName = "flows.json"

    /// Scans and builds the manifest, without writing it. Throws ``AcmeError`` for
    /// problems of the tool itself; problems in the scanned code are diagnostics.
    public func manifest(log: Log = .standardError) throws -> (manifest: Manifest, result: ScanResult) {
        let root = URL(fileURLWithPath: path)
        var isLink = false
        guard let kind = FileWalker.kind(of: root.path, isLink: &isLink) else { throw AcmeError.missingPath(path) }
        let settings = try CommandSettings(from: kind == .directory ? root : root.deletingLastPathComponent(), reader: .scan,
            overrides: discovery)
        try settings.report(log: quiet ? .silent : log)
        let progress = quiet ? nil : ProgressLine(log: log)
        let scanner = FlowScanner(options: settings.scanOptions(walk: walk, usePrefilter: usePrefilter, kinds: kinds))
        let result: ScanResult
        do {
            var report: (@Sendable (Int, Int) -> Void)?
            if let progress { report = { done, total in progress.update(done: done, total: total) } }
            result = try scanner.scan(root: root, progress: report)
        } catch let error as FlowScanner.MissingPath {
            throw AcmeError.missingPath(error.path)
        } catch {
            throw AcmeError.setup(String(describing: error))
        }
        progress?.finish()
        return (Manifest(result), result)
    }

    /// Runs the scan and writes the manifest where ``output`` says.
    @discardableResult
    public func run(log: Log = .standardError) throws -> ScanResult {
        let started = DispatchTime.now()
        let (manifest, result) = try manifest(log: log)
        let text = format.render(manifest)
        let root = URL(fileURLWithPath: path)
        var isLink = false
        let destination: String?
        switch output {
        case .standardOutput:
            destination = nil
            FileHandle.standardOutput.write(Data(text.utf8))
        case .file(let file):
            destination = file
        case .defaultFile:
            let folder = FileWalker.kind(of: root.path, isLink: &isLink) == .directory ? root : root.deletingLastPathComponent()
            destination = folder.appendingPathComponent(Self.defaultFileName).path
        }
        if let destination { try AtomicFile.write(text, to: destination) }
        if !quiet {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            log.write(Summary(result: result, seconds: seconds, airflow: manifest.airflowSummary).text)
            if let destination { log.write("wrote \(Self.displayPath(destination))") }
        }
        return result
    }

    static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return absolute.hasPrefix(cwd) ? String(absolute.dropFirst(cwd.count)) : path
    }
}
