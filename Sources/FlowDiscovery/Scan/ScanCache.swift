import Foundation
import PythonSyntax

/// What one file contributed to a scan, kept between runs so that a
/// pre-commit `check` of one changed file does not re-parse the whole repo.
///
/// An entry is reused only when nothing it was computed from has changed:
/// - the file itself: size, modification and change times, inode (as git's
///   index does; the change time catches `chmod` and restored mtimes);
/// - whether an `.airflowignore` excludes it;
/// - every module it followed an import into (its `@task`s), at any depth;
/// - when it looked anything up in the module index, the set of files in the
///   tree (a new file can make an import resolve, or become ambiguous);
/// - which Airflow each file is read for: the evidence files and the versions they
///   give (a changed pin invalidates every entry);
/// - the binary and the scan options (detectors with their options), through the cache file's name.
///
/// The file (``CacheFile``) is read with one `read` and decoded lazily: an entry's
/// results are parsed only when the scan uses them, so a scan that finds nothing
/// changed costs a stat per file. Beside each entry's results lies a summary of its
/// flows (``FlowSummary``) for `check FILE`, and the cache remembers the manifest it
/// last produced, so an unchanged re-scan need not write it again.
///
/// Entries for files changed in the last two seconds are not stored: a second
/// edit within the timestamp granularity could otherwise go unseen (git calls
/// this "racily clean"). The cache is a speed-up only; a missing, corrupt or
/// unwritable cache means a full scan, never an error.
public final class ScanCache: @unchecked Sendable {
    /// `<root>/.acme-scan-cache`, ignored by git through its own `.gitignore`.
    public static let folderName = ".acme-scan-cache"

    /// A fresh result waiting to be saved, or a stored entry kept as it is.
    enum Line {
        case reused(Int)
        case fresh(CacheFile.Entry)
    }

    let location: URL
    private var file: CacheFile?
    /// Entries still worth trying: all of them, less what a new file set or new Airflow evidence invalidated.
    private var valid: (all: Bool, moduleIndexUsers: Bool) = (true, true)
    private var treeDigest: UInt64 = 0
    private var airflowDigest: UInt64 = 0
    private var lines: [String: Line] = [:]
    /// The output this run wrote, to be remembered (``OutputRecord``).
    private var output: [UInt8] = []
    /// The walk to keep: the stored one while it holds, or this run's (``WalkSnapshot``).
    private var walkSnapshot: ArraySlice<UInt8> = []
    private let folderDescriptor: Int32
    private var changed = false
    private let lock = NSLock()

    /// Reads the cache for scans of `folder` with `options`. Runs beside the walk,
    /// so it cannot yet know the tree's files: `use(files:airflow:)` applies them.
    init(folder: URL, options: ScanOptions) {
        folderDescriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        let key = ([Self.binaryIdentity(), String(decoding: CacheFile.magic, as: UTF8.self), options.walk.airflow.cacheKey,
            "prefilter\(options.usePrefilter)", "limit\(options.sizeLimit)"] + options.detectors.map(\.configurationKey))
            .joined(separator: "|")
        location = folder.appendingPathComponent(Self.folderName).appendingPathComponent("scan-\(Self.digest(key)).bin")
        if let bytes = Self.contents(of: location.path) { file = CacheFile(bytes: bytes) }
    }

    /// The walk of `root` with `options` kept from an earlier scan, with its Airflow evidence,
    /// when nothing it read has changed since (a stat of each folder and input file).
    func storedWalk(root: String, options: WalkOptions) -> (WalkResult, AirflowTargets)? {
        guard let file, let snapshot = WalkSnapshot.current(file.walkSnapshot, key: WalkSnapshot.key(root: root, options: options),
            root: root)
        else { return nil }
        walkSnapshot = file.walkSnapshot
        let targets: AirflowTargets
        if case .fixed(let target) = options.airflow {
            targets = AirflowTargets(fixed: target)
        } else {
            targets = AirflowTargets(evidence: snapshot.evidence, watched: [])
        }
        return (snapshot.walk, targets)
    }

    /// Keeps this run's walk for the next scans (saved by ``save(files:)``).
    func keep(walk: WalkResult, targets: AirflowTargets, root: String, options: WalkOptions) {
        let snapshot = WalkSnapshot(walk: walk, evidence: targets.evidence, inputs: walk.inputs + targets.watched)
        guard let bytes = snapshot.encoded(key: WalkSnapshot.key(root: root, options: options)) else { return }
        lock.withLock {
            walkSnapshot = bytes[...]
            changed = true
        }
    }

    /// Takes the walk's files and the Airflow targets they are read for. A different file set
    /// than last time invalidates every entry that consulted the module index; other targets, every entry.
    func use(files: [String], airflow: AirflowTargets) {
        treeDigest = Self.digest64(lines: files)
        airflowDigest = Self.digest64(airflow.cacheKey)
        guard let file else { return }
        if file.airflowDigest != airflowDigest { valid.all = false }
        if file.treeDigest != treeDigest { valid.moduleIndexUsers = false }
        if !valid.all || !valid.moduleIndexUsers { changed = true }
    }

    /// Whether every file of the tree has an entry that is still good, and no other entry
    /// exists: then the results are those of the last scan, and so is its output.
    func isUnchanged(files: [String]) -> Bool {
        guard let file, valid.all, valid.moduleIndexUsers, file.count == files.count else { return false }
        for (index, path) in files.enumerated() where !file.path(index).elementsEqual(path.utf8) { return false }
        return FileStamp.stamps(of: files, base: folderDescriptor).enumerated().allSatisfy { $1 == file.stamp($0) }
    }

    /// The cached result for `path`, if nothing it depends on has changed.
    func result(for path: String, airflowIgnored: Bool) -> FlowScanner.FileResult? {
        guard let file, valid.all, let index = file.index(of: path) else { return nil }
        let flags = file.flags(index)
        guard valid.moduleIndexUsers || !flags.contains(.usedModuleIndex), flags.contains(.airflowIgnored) == airflowIgnored,
            stamp(of: path) == file.stamp(index)
        else { return nil }
        var result = FlowScanner.FileResult(parsed: flags.contains(.parsed))
        let payload = file.payload(index)
        if !payload.isEmpty {
            guard let json = try? JSONValue.parse(Array(payload)), Self.dependenciesUnchanged(json["dependencies"], self),
                let decoded = Self.decode(json, parsed: result.parsed)
            else { return nil }
            result = decoded
        }
        lock.withLock { lines[path] = .reused(index) }
        return result
    }

    /// The stand-ins of the flows of `paths` (in the walk's order) for repo-wide rules, if every
    /// one's entry is still good; nil otherwise. Costs a stat per file (on every core) and decodes
    /// only the summaries of files that have flows.
    func summaryFlows(of paths: [String]) -> [Flow]? {
        guard let file, valid.all else { return nil }
        // The table and the walk are both in byte order of path: one pass finds every entry.
        var indices: [Int] = []
        indices.reserveCapacity(paths.count)
        var cursor = 0
        for var path in paths {
            let found: Int? = path.withUTF8 { key in
                while cursor < file.count {
                    let order = CacheFile.compare(file.path(cursor), key)
                    if order == 0 { return cursor }
                    if order > 0 { return nil }
                    cursor += 1
                }
                return nil
            }
            guard let found else { return nil }
            guard valid.moduleIndexUsers || !file.flags(found).contains(.usedModuleIndex) else { return nil }
            indices.append(found)
        }
        let stamps = FileStamp.stamps(of: paths, base: folderDescriptor)
        var flows: [Flow] = []
        for (position, index) in indices.enumerated() {
            guard stamps[position] == file.stamp(index) else { return nil }
            let summary = file.summary(index)
            if summary.isEmpty { continue }
            guard let decoded = FlowSummary.decode(summary, file: paths[position]) else { return nil }
            flows += decoded
        }
        return flows
    }

    /// Records a freshly computed result. `dependencies` are the modules it followed.
    func store(_ result: FlowScanner.FileResult, for path: String, airflowIgnored: Bool, dependencies: Set<String>,
        usedModuleIndex: Bool)
    {
        lock.withLock { changed = true }
        guard let stamp = stamp(of: path) else { return }
        var dependencyStamps: [String: JSONValue] = [:]  // path → stamp text
        var newest = stamp.modified
        for dependency in dependencies {
            guard let dependencyStamp = self.stamp(of: dependency) else { return }
            dependencyStamps[dependency] = .string(dependencyStamp.text)
            newest = max(newest, dependencyStamp.modified)
        }
        guard newest < (Int(Date().timeIntervalSince1970) - 2) * 1_000_000_000 else { return }
        var payload: [UInt8] = []
        if !result.flows.isEmpty || !result.diagnostics.isEmpty || !result.suppressions.isEmpty || !dependencies.isEmpty {
            let json: JSONValue = [
                "dependencies": .object(dependencyStamps), "flows": .array(result.flows.map(\.json)),
                "diagnostics": .array(result.diagnostics.map(\.json)), "suppressions": .array(result.suppressions.map(\.json)),
            ]
            payload = Array(json.serialized(indent: nil).utf8)
        }
        var flags: CacheFile.Flags = []
        if airflowIgnored { flags.insert(.airflowIgnored) }
        if usedModuleIndex { flags.insert(.usedModuleIndex) }
        if result.parsed { flags.insert(.parsed) }
        let entry = CacheFile.Entry(path: Array(path.utf8), stamp: stamp, flags: flags, payload: payload[...],
            summary: FlowSummary.encode(result.flows)[...])
        lock.withLock { lines[path] = .fresh(entry) }
    }

    /// The output a scan of this tree last wrote: where, in which format, and the
    /// written file's stamp, with the summary it printed.
    public struct OutputRecord: Sendable, Equatable {
        public var path: String
        public var format: String
        public var stamp: String
        /// The summary's figures, to print them again without the results.
        public var summary: JSONValue

        public init(path: String, format: String, stamp: String, summary: JSONValue) {
            (self.path, self.format, self.stamp, self.summary) = (path, format, stamp, summary)
        }
    }

    /// The record kept with the entries, when they are unchanged.
    var outputRecord: OutputRecord? {
        guard let file, let json = try? JSONValue.parse(Array(file.outputRecord)), let path = json["path"]?.stringValue,
            let format = json["format"]?.stringValue, let stamp = json["stamp"]?.stringValue, let summary = json["summary"]
        else { return nil }
        return OutputRecord(path: path, format: format, stamp: stamp, summary: summary)
    }

    /// Remembers the output this scan wrote (saved by the next ``save(files:)``).
    func record(_ record: OutputRecord) {
        let json: JSONValue = ["path": .string(record.path), "format": .string(record.format), "stamp": .string(record.stamp),
            "summary": record.summary]
        lock.withLock {
            output = Array(json.serialized(indent: nil).utf8)
            changed = true
        }
    }

    /// Writes the entries of this scan, in the walk's order (files no longer in the
    /// tree are dropped). Failures are ignored.
    func save(files: [String]) {
        guard changed || lines.count != (file?.count ?? 0) else { return }
        // Nothing to keep and nothing to replace: leave the tree untouched.
        if lines.isEmpty && file == nil { return }
        var entries: [CacheFile.Entry] = []
        entries.reserveCapacity(files.count)
        for path in files {
            switch lines[path] {
            case .reused(let index)?:
                guard let file else { continue }
                entries.append(CacheFile.Entry(path: Array(file.path(index)), stamp: file.stamp(index), flags: file.flags(index),
                    payload: file.payload(index), summary: file.summary(index)))
            case .fresh(let entry)?:
                entries.append(entry)
            case nil:
                continue
            }
        }
        let bytes = CacheFile.encode(entries, treeDigest: treeDigest, airflowDigest: airflowDigest, outputRecord: output,
            walkSnapshot: walkSnapshot)
        let cacheFolder = location.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
            let ignore = cacheFolder.appendingPathComponent(".gitignore")
            if !FileManager.default.fileExists(atPath: ignore.path) {
                try Data("# Automatically created by acme-scan.\n*\n".utf8).write(to: ignore, options: .atomic)
            }
            try Data(bytes).write(to: location, options: .atomic)
        } catch {
            // A read-only checkout still scans; it just scans everything next time too.
        }
    }

    private static func dependenciesUnchanged(_ json: JSONValue?, _ cache: ScanCache) -> Bool {
        guard case .object(let dependencies)? = json else { return false }
        return dependencies.allSatisfy { path, value in
            value.stringValue.flatMap { FileStamp(text: ArraySlice($0.utf8)) }.map { $0 == cache.stamp(of: path) } ?? false
        }
    }

    private static func decode(_ payload: JSONValue, parsed: Bool) -> FlowScanner.FileResult? {
        guard let flowJSON = payload["flows"]?.arrayValue, let diagnosticJSON = payload["diagnostics"]?.arrayValue,
            let suppressionJSON = payload["suppressions"]?.arrayValue
        else { return nil }
        return try? FlowScanner.FileResult(
            flows: flowJSON.map { (item) throws(FlowJSONError) in try Flow(json: item) },
            diagnostics: diagnosticJSON.map { (item) throws(FlowJSONError) in try Diagnostic(json: item) },
            suppressions: suppressionJSON.map { (item) throws(FlowJSONError) in try Suppression(json: item) },
            parsed: parsed)
    }

    /// The whole file in one read, straight into the array the cache keeps: `FileManager.contents`
    /// and a copy out of its `Data` cost `check FILE` 4 ms of 60 on the large corpus's 3.5 MB cache.
    private static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got <= 0 {
                    failed = got < 0 || count < size
                    break
                }
                count += got
            }
        }
        return failed ? nil : bytes
    }

    /// Stamps are taken relative to the open root folder: no absolute paths to build, fewer lookups.
    private func stamp(of path: String) -> FileStamp? {
        FileStamp(path: path, base: folderDescriptor)
    }

    deinit {
        if folderDescriptor >= 0 { close(folderDescriptor) }
    }

    /// Identifies the running binary, so a rebuilt acme-scan never reads results an older build computed.
    private static func binaryIdentity() -> String {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        guard let stamp = FileStamp(path: path) else { return path }
        return "\(path)|\(stamp.size)|\(stamp.modified)"
    }

    static func digest64(_ text: String) -> UInt64 { FNV1a.digest(text.utf8) }

    /// The digest of `lines` joined by line breaks, without joining them.
    static func digest64(lines: [String]) -> UInt64 {
        lines.enumerated().reduce(FNV1a.start) { hash, numbered in
            FNV1a.digest(numbered.element.utf8, continuing: numbered.offset > 0 ? FNV1a.digest([10], continuing: hash) : hash)
        }
    }

    static func digest(_ text: String) -> String { String(digest64(text), radix: 16) }
}
