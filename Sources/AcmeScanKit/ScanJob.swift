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
    public var walk: WalkOptions
    /// Kinds of flow to find; empty means all.
    public var kinds: Set<FlowKind>
    /// Classes to treat as Airflow DAG classes (see `AirflowDetector.dagClasses`).
    public var dagClasses: [String]
    public var usePrefilter: Bool
    /// Reuse unchanged files' results from `.acme-scan-cache` (see `ScanCache`).
    public var useCache: Bool
    public var quiet: Bool

    public init(path: String = ".", output: Output = .defaultFile, format: any ManifestFormat = FlowsJSONFormat(),
        walk: WalkOptions = WalkOptions(), kinds: Set<FlowKind> = [], dagClasses: [String] = [], usePrefilter: Bool = true,
        useCache: Bool = false, quiet: Bool = false)
    {
        self.kinds = kinds
        self.dagClasses = dagClasses
        self.path = path
        self.output = output
        self.format = format
        self.walk = walk
        self.usePrefilter = usePrefilter
        self.useCache = useCache
        self.quiet = quiet
    }

    public static let defaultFileName = "flows.json"

    /// Runs the scan. Throws ``AcmeError`` for problems of the tool itself;
    /// problems in the scanned code are diagnostics in the result.
    @discardableResult
    public func run(log: Log = .standardError) throws -> ScanResult {
        let root = URL(fileURLWithPath: path)
        var isLink = false
        guard let kind = FileWalker.kind(of: root.path, isLink: &isLink) else { throw AcmeError.missingPath(path) }
        let started = DispatchTime.now()
        let progress = quiet ? nil : ProgressLine(log: log)
        let detectors = FlowDetectors.all(airflowVersion: walk.airflowVersion, dagClasses: dagClasses).filter { kinds.isEmpty || kinds.contains($0.kind) }
        let scanner = FlowScanner(options: ScanOptions(walk: walk, usePrefilter: usePrefilter, detectors: detectors, useCache: useCache))
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
        let text = format.render(Manifest(result))
        let destination: String?
        switch output {
        case .standardOutput:
            destination = nil
            FileHandle.standardOutput.write(Data(text.utf8))
        case .file(let file):
            destination = file
        case .defaultFile:
            let folder = kind == .directory ? root : root.deletingLastPathComponent()
            destination = folder.appendingPathComponent(Self.defaultFileName).path
        }
        if let destination { try AtomicFile.write(text, to: destination) }
        if !quiet {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            log.write(Summary(result: result, seconds: seconds).text)
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
