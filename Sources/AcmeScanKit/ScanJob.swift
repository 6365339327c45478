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
        let scanner = try scanner(log: log)
        let result = try scan(scanner, log: log, output: nil)
        return (Manifest(result), result)
    }

    /// Runs the scan and writes the manifest where ``output`` says. When the output is a file
    /// and nothing changed since the scan that wrote it (the cache says so), it is left as it is.
    public func run(log: Log = .standardError) throws {
        let started = DispatchTime.now()
        let seconds = { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        let scanner = try scanner(log: log)
        let destination = self.destination
        let formatName = type(of: format).name
        if let destination, let record = try scanner.unchangedOutput(root: root), record.path == destination,
            record.format == formatName, FileStamp(path: destination)?.text == record.stamp,
            let figures = Summary.Figures(unchanged: record.summary)
        {
            if !quiet {
                log.write(Summary(figures: figures, seconds: seconds(), airflow: record.summary["airflow"]?.stringValue).text)
                log.write("\(Self.displayPath(destination)) is up to date")
            }
            return
        }
        var airflowLine: String?
        let result = try scan(scanner, log: log) { result in
            let manifest = Manifest(result)
            airflowLine = manifest.airflowSummary
            let text = format.render(manifest)
            guard let destination else {
                FileHandle.standardOutput.write(Data(text.utf8))
                return nil
            }
            // The same bytes are not written again: a rename in the scanned folder would change its
            // stamp, and the next scan would have to walk the tree again (WalkSnapshot).
            if FileManager.default.contents(atPath: destination) != Data(text.utf8) {
                try AtomicFile.write(text, to: destination)
            }
            guard let stamp = FileStamp(path: destination) else { return nil }
            var summary = Summary.Figures(result).json.objectValue ?? [:]
            if let airflowLine { summary["airflow"] = .string(airflowLine) }
            return ScanCache.OutputRecord(path: destination, format: formatName, stamp: stamp.text, summary: .object(summary))
        }
        if !quiet {
            log.write(Summary(result: result, seconds: seconds(), airflow: airflowLine).text)
            if let destination { log.write("wrote \(Self.displayPath(destination))") }
        }
    }

    private var root: URL { URL(fileURLWithPath: path) }

    /// The file the manifest goes to (standardized, so the cache's record of it compares), or nil for stdout.
    private var destination: String? {
        switch output {
        case .standardOutput:
            return nil
        case .file(let file):
            return URL(fileURLWithPath: file).standardizedFileURL.path
        case .defaultFile:
            var isLink = false
            let folder = FileWalker.kind(of: root.path, isLink: &isLink) == .directory ? root : root.deletingLastPathComponent()
            return folder.appendingPathComponent(Self.defaultFileName).standardizedFileURL.path
        }
    }

    /// The scanner for this tree, with the settings found at or above it (their problems reported).
    private func scanner(log: Log) throws -> FlowScanner {
        var isLink = false
        guard let kind = FileWalker.kind(of: root.path, isLink: &isLink) else { throw AcmeError.missingPath(path) }
        let settings = try CommandSettings(from: kind == .directory ? root : root.deletingLastPathComponent(), reader: .scan,
            overrides: discovery)
        try settings.report(log: quiet ? .silent : log)
        return FlowScanner(options: settings.scanOptions(walk: walk, usePrefilter: usePrefilter, kinds: kinds))
    }

    private func scan(_ scanner: FlowScanner, log: Log, output: ((ScanResult) throws -> ScanCache.OutputRecord?)?) throws
        -> ScanResult
    {
        let progress = quiet ? nil : ProgressLine(log: log)
        let result: ScanResult
        do {
            var report: (@Sendable (Int, Int) -> Void)?
            if let progress { report = { done, total in progress.update(done: done, total: total) } }
            result = try scanner.scan(root: root, progress: report, output: output)
        } catch let error as FlowScanner.MissingPath {
            throw AcmeError.missingPath(error.path)
        } catch let error as AcmeError {
            throw error
        } catch {
            throw AcmeError.setup(String(describing: error))
        }
        progress?.finish()
        return result
    }

    static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return absolute.hasPrefix(cwd) ? String(absolute.dropFirst(cwd.count)) : path
    }
}
