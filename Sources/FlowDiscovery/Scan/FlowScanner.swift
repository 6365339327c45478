import Foundation
import NestingLimit
import PythonTreeSitter
import Synchronization

/// How to scan.
public struct ScanOptions: Sendable {
    public var walk: WalkOptions
    /// Skip parsing files that contain none of the detectors' needles. Turning
    /// it off must not change the result; a test holds us to that.
    public var usePrefilter: Bool
    public var workers: Int
    public var sizeLimit: Int
    public var detectors: [any FlowDetector]
    /// Keep per-file results in `<root>/.acme-scan-cache` and reuse them for
    /// files that have not changed (see `ScanCache`). Only folder scans use it.
    public var useCache: Bool
    /// How long one file's parse may take; nil: ``PythonParser/timeLimit(forBytes:)``.
    /// Set by tests, so that what they prove does not depend on the machine's speed.
    public var parseTimeLimit: Duration?

    public init(walk: WalkOptions = WalkOptions(), usePrefilter: Bool = true,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount, sizeLimit: Int = SourceReader.defaultSizeLimit,
        detectors: [any FlowDetector]? = nil, useCache: Bool = false, parseTimeLimit: Duration? = nil)
    {
        self.useCache = useCache
        self.parseTimeLimit = parseTimeLimit
        self.walk = walk
        self.usePrefilter = usePrefilter
        self.workers = max(1, workers)
        self.sizeLimit = sizeLimit
        self.detectors = detectors ?? FlowDetectors.all(airflow: walk.airflow)
    }
}

/// Everything a scan found, in manifest order.
public struct ScanResult: Sendable {
    public var flows: [Flow]
    public var diagnostics: [Diagnostic]
    /// `.py` files the walk kept.
    public var filesScanned: Int
    /// Files that passed the pre-filter and were parsed.
    public var filesParsed: Int
    /// Files whose result came from the cache, unchanged since the last scan.
    public var filesFromCache: Int
    /// `# acme: ignore[...]` comments, for `check`.
    public var suppressions: [Suppression]
    /// Which Airflow each file was read for.
    public var airflowTargets: AirflowTargets
    /// The walk came from the cache: nothing it read had changed (``WalkSnapshot``).
    var walkFromCache = false

    public init(flows: [Flow], diagnostics: [Diagnostic], filesScanned: Int, filesParsed: Int,
        suppressions: [Suppression] = [], filesFromCache: Int = 0, airflowTargets: AirflowTargets = AirflowTargets(fixed: .fallback))
    {
        self.airflowTargets = airflowTargets
        self.filesFromCache = filesFromCache
        self.flows = flows
        self.diagnostics = diagnostics
        self.filesScanned = filesScanned
        self.filesParsed = filesParsed
        self.suppressions = suppressions
    }
}

/// Scans a tree: walks it, reads each `.py` file, skips files no detector
/// could match, parses the rest on every core, and runs the detectors.
/// Nothing is imported or executed.
public struct FlowScanner: Sendable {
    public let options: ScanOptions

    public init(options: ScanOptions = ScanOptions()) {
        self.options = options
    }

    /// Scans `root`, a folder, or a single `.py` file (paths are then relative to its folder).
    /// `progress` is called from worker threads with (files done, files in all). `output`,
    /// given the result, writes what the caller makes of it and says so (``ScanCache/OutputRecord``),
    /// so that the cache, saved once after it, remembers that output for the next unchanged scan.
    public func scan(root: URL, progress: (@Sendable (Int, Int) -> Void)? = nil,
        output: ((ScanResult) throws -> ScanCache.OutputRecord?)? = nil) throws -> ScanResult
    {
        let prepared = try prepare(root)
        let (folder, walk, targets, cache) = (prepared.folder, prepared.walk, prepared.targets, prepared.cache)
        let options = self.options
        let results = Mutex<[FileResult?]>(Array(repeating: nil, count: walk.files.count))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let files = walk.files
        let modules = ModuleIndex(folder: folder, files: files)
        // Walkers recurse over syntax trees: their threads get a stack that holds the nesting limit.
        DeepStack.concurrentPerform(threads: min(options.workers, max(files.count, 1))) { _ in
            // One parser per worker: TSParser is not thread-safe.
            guard let parser = try? PythonParser() else { return }
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < files.count else { return }
                let result = Self.result(for: files[index], prepared: prepared, modules: modules, parser: parser,
                    options: options)
                results.withLock { $0[index] = result }
                let count = done.wrappingAdd(1, ordering: .relaxed).newValue
                progress?(count, files.count)
            }
        }
        var flows: [Flow] = []
        var diagnostics = walk.diagnostics
        var suppressions: [Suppression] = []
        var parsed = 0
        var fromCache = 0
        for case let result? in results.withLock({ $0 }) {
            flows += result.flows
            diagnostics += result.diagnostics
            suppressions += result.suppressions
            if result.parsed && !result.fromCache { parsed += 1 }
            if result.fromCache { fromCache += 1 }
        }
        var result = ScanResult(flows: Self.numberOccurrences(flows.sorted(by: Flow.manifestOrder)),
            diagnostics: diagnostics.sorted(by: Diagnostic.manifestOrder),
            filesScanned: files.count, filesParsed: parsed, suppressions: suppressions, filesFromCache: fromCache,
            airflowTargets: targets)
        result.walkFromCache = prepared.walkFromCache
        // The cache is saved whether or not the output could be written: its entries hold either way.
        defer { cache?.save(files: files) }
        if let output, let record = try output(result) { cache?.record(record) }
        return result
    }

    /// One file's result: from the cache when its entry still holds, else scanned (and stored).
    static func result(for path: String, prepared: Prepared, modules: ModuleIndex, parser: PythonParser,
        options: ScanOptions) -> FileResult
    {
        let airflowVersion = prepared.targets.target(forFile: path).major
        let airflowIgnored = prepared.walk.isAirflowIgnored(path, major: airflowVersion, syntax: options.walk.airflowIgnoreSyntax)
        if var cached = prepared.cache?.result(for: path, airflowIgnored: airflowIgnored) {
            cached.fromCache = true
            return cached
        }
        let result = scanFile(path, in: prepared.folder, parser: parser, options: options,
            airflow: (airflowVersion, airflowIgnored), modules: modules)
        if let cache = prepared.cache {
            let (dependencies, consulted) = modules.dependencies(of: path)
            cache.store(result, for: path, airflowIgnored: airflowIgnored, dependencies: dependencies, usedModuleIndex: consulted)
        }
        return result
    }

    /// What a scan knows before it reads a file: the walk, the Airflow each file is read
    /// for, and the cache (nil without one).
    struct Prepared: Sendable {
        let folder: URL
        let walk: WalkResult
        let targets: AirflowTargets
        let cache: ScanCache?
        var walkFromCache = false
    }

    func prepare(_ root: URL) throws -> Prepared {
        try PythonGrammar.checkCompatibility()
        let options = self.options
        // With a cache, the walk it kept is checked first: a stat of each folder and input
        // file costs far less than listing the folders and applying their ignore files.
        let cache = options.useCache ? Self.cacheFolder(for: root).map { ScanCache(folder: $0, options: options) } : nil
        let rootPath = root.standardizedFileURL.path
        if let cache, let (walk, targets) = cache.storedWalk(root: rootPath, options: options.walk) {
            cache.use(files: walk.files, airflow: targets)
            return Prepared(folder: root, walk: walk, targets: targets, cache: cache, walkFromCache: true)
        }
        let (folder, walk) = try walkRoot(root)
        let targets = AirflowTargets(setting: options.walk.airflow, folder: folder, evidenceFiles: walk.airflowEvidence)
        if let cache {
            cache.keep(walk: walk, targets: targets, root: rootPath, options: options.walk)
            cache.use(files: walk.files, airflow: targets)
        }
        return Prepared(folder: folder, walk: walk, targets: targets, cache: cache)
    }

    /// Only folder scans keep a cache: a one-file scan has nothing to save.
    private static func cacheFolder(for root: URL) -> URL? {
        var isLink = false
        return FileWalker.kind(of: root.path, isLink: &isLink) == .directory ? root : nil
    }

    public struct MissingPath: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path): no such file or directory" }
    }

    private func walkRoot(_ root: URL) throws -> (URL, WalkResult) {
        var isLink = false
        switch FileWalker.kind(of: root.path, isLink: &isLink) {
        case .directory?:
            return (root, FileWalker(root: root, options: options.walk).walk())
        case .regular?:
            let folder = root.deletingLastPathComponent()
            var walk = WalkResult(files: [root.lastPathComponent])
            if options.walk.airflow == .inferred { walk.airflowEvidence = AirflowTargets.evidenceFiles(inFolder: folder) }
            return (folder, walk)
        default:
            throw MissingPath(path: root.path)
        }
    }

    struct FileResult: Sendable {
        var flows: [Flow] = []
        var diagnostics: [Diagnostic] = []
        var suppressions: [Suppression] = []
        var parsed = false
        var fromCache = false
    }

    /// `airflow`: the Airflow major the file is read for, and whether an `.airflowignore` excludes it there.
    static func scanFile(_ path: String, in folder: URL, parser: PythonParser, options: ScanOptions,
        airflow: (version: Int, ignored: Bool), modules: ModuleIndex) -> FileResult
    {
        var result = FileResult()
        let bytes: [UInt8]
        switch SourceReader.read(folder.path + "/" + path, relativePath: path, sizeLimit: options.sizeLimit) {
        case .problem(let diagnostic):
            result.diagnostics.append(diagnostic)
            return result
        case .text(let text):
            bytes = text
        }
        let admitted = options.detectors.map { $0.mightDefineFlows(bytes, path: path, modules: modules) }
        result.suppressions = SuppressionComments.find(in: bytes, file: path)
        if options.usePrefilter && !admitted.contains(true) { return result }
        let tree: SyntaxTree
        do {
            tree = try parser.parse(bytes, timeLimit: options.parseTimeLimit)
        } catch {
            if admitted.contains(true) { result.diagnostics.append(Self.diagnostic(for: error, file: path)) }
            return result
        }
        let file = SourceFile(path: path, tree: tree, airflowIgnored: airflow.ignored, airflowVersion: airflow.version,
            modules: modules)
        result.parsed = true
        var reportSyntax = false
        for (detector, admits) in zip(options.detectors, admitted) {
            // Without the pre-filter every detector sees every file: that is what
            // lets a test prove the pre-filter never hides a flow.
            guard admits || !options.usePrefilter, detector.isRelevant(file) else { continue }
            reportSyntax = reportSyntax || admits
            let found = detector.detect(in: file)
            result.flows += found.flows
            result.diagnostics += found.diagnostics
        }
        if TestCode.isTestFile(path) {
            for index in result.flows.indices { result.flows[index].testCode = true }
            for index in result.diagnostics.indices { result.diagnostics[index].testCode = true }
        } else {
            for index in result.flows.indices where TestCode.namesTestFunction(result.flows[index].function) {
                result.flows[index].testCode = true
            }
        }
        // Syntax errors are reported where a detector would look, whatever the mode.
        if reportSyntax { result.diagnostics += SyntaxErrors.diagnostics(in: file) }
        if reportSyntax, let position = tree.nestingLimitReached {
            result.diagnostics.append(Diagnostic(.nestingTooDeep,
                "code nested more than \(NestingDepth.limit) levels deep: acme-scan reads no deeper, so flows, tasks or values inside it are missing",
                file: path, line: position.line, column: position.column))
        }
        return result
    }

    /// Why a file was not parsed, where the detectors would have looked.
    static func diagnostic(for refusal: PythonParser.Unparsable, file: String) -> Diagnostic {
        switch refusal {
        case .tooDeeplyNested(let position):
            Diagnostic(.nestingTooDeep,
                "not parsed: the file ends with more than \(PythonParser.unfinishedNestingLimit) unfinished levels of nesting (unclosed brackets?), which would crash the parser",
                file: file, line: position.line, column: position.column)
        case .tooSlow(let limit):
            // Only broken input sends tree-sitter's error recovery this far.
            Diagnostic(.syntaxError,
                "syntax errors: not parsed, tree-sitter's error recovery gave up after \(Self.seconds(limit)); python -m py_compile shows the first one",
                file: file)
        }
    }

    /// "5 s", "0.05 s".
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds) s" }
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return "\((value * 1000).rounded() / 1000) s"
    }

    /// Gives flows that share kind, file and qualified name (a function
    /// redefined, a flow made in a loop) ids that stay distinct and stable.
    static func numberOccurrences(_ flows: [Flow]) -> [Flow] {
        var seen: [String: Int] = [:]
        return flows.map { flow in
            var flow = flow
            let key = "\(flow.kind.rawValue):\(flow.file):\(flow.function)"
            seen[key, default: 0] += 1
            flow.occurrence = seen[key]!
            return flow
        }
    }
}

/// The detectors a default scan runs.
public enum FlowDetectors {
    /// `dagClasses`: classes to treat as Airflow DAG classes (see ``AirflowDetector/dagClasses``).
    public static func all(airflow: AirflowVersionSetting = .inferred, dagClasses: [String] = []) -> [any FlowDetector] {
        [PrefectDetector(), AirflowDetector(airflow: airflow, dagClasses: dagClasses)]
    }
}
