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
/// Entries for files changed in the last two seconds are not stored: a second
/// edit within the timestamp granularity could otherwise go unseen (git calls
/// this "racily clean"). The cache is a speed-up only; a missing, corrupt or
/// unwritable cache means a full scan, never an error.
public final class ScanCache: @unchecked Sendable {
    /// `<root>/.acme-scan-cache`, ignored by git through its own `.gitignore`.
    public static let folderName = ".acme-scan-cache"
    static let formatVersion = 3

    /// A fresh result waiting to be saved, or a reused line to copy as it is.
    enum Line {
        case reused(ArraySlice<UInt8>)
        case fresh(String)
    }

    let location: URL
    private var treeDigest = ""
    private var storedTreeDigest: String?
    private var airflowDigest = ""
    private var storedAirflowDigest: String?
    /// The cache file's bytes, and for each path the rest of its line, parsed only when asked for.
    private var bytes: [UInt8] = []
    private var stored: [String: Range<Int>] = [:]
    private var lines: [String: Line] = [:]
    private let folderDescriptor: Int32
    private var changed = false
    private let lock = NSLock()

    /// Reads the cache for scans of `folder` with `options`. Runs beside the walk,
    /// so it cannot yet know the tree's files: `use(files:)` applies them.
    ///
    /// The file is one header line, then one line per file:
    /// `path TAB size mtime ctime inode TAB flags TAB payload`, where flags are
    /// three 0/1 digits (airflow-ignored, used the module index, parsed) and the
    /// payload is empty or a JSON object with the file's flows, diagnostics,
    /// suppressions and dependencies. Most files have no flows, so most lines
    /// are never parsed as JSON.
    init(folder: URL, options: ScanOptions) {
        folderDescriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        let key = ([Self.binaryIdentity(), "v\(Self.formatVersion)", options.walk.airflow.cacheKey,
            "prefilter\(options.usePrefilter)", "limit\(options.sizeLimit)"] + options.detectors.map(\.configurationKey))
            .joined(separator: "|")
        location = folder.appendingPathComponent(Self.folderName).appendingPathComponent("scan-\(Self.digest(key)).tsv")
        guard let data = FileManager.default.contents(atPath: location.path) else { return }
        bytes = Array(data)
        guard let headerEnd = bytes.firstIndex(of: 10) else { return }
        let header = String(decoding: bytes[..<headerEnd], as: UTF8.self).split(separator: " ")
        guard header.count == 4, header[0] == "acme-scan-cache", header[1] == "\(Self.formatVersion)" else { return }
        storedTreeDigest = String(header[2])
        storedAirflowDigest = String(header[3])
        var lineStart = headerEnd + 1
        while lineStart < bytes.count, let lineEnd = bytes[lineStart...].firstIndex(of: 10) {
            if let tab = bytes[lineStart..<lineEnd].firstIndex(of: 9) {
                stored[String(decoding: bytes[lineStart..<tab], as: UTF8.self)] = (tab + 1)..<lineEnd
            }
            lineStart = lineEnd + 1
        }
    }

    /// Takes the walk's files and the Airflow targets they are read for. A different file set
    /// than last time invalidates every entry that consulted the module index; other targets, every entry.
    func use(files: [String], airflow: AirflowTargets) {
        treeDigest = Self.digest(files.joined(separator: "\n"))
        airflowDigest = Self.digest(airflow.cacheKey)
        if storedAirflowDigest != nil, storedAirflowDigest != airflowDigest {
            stored = [:]
            changed = true
        }
        if storedTreeDigest != nil, storedTreeDigest != treeDigest {
            stored = stored.filter { entry in
                let fields = bytes[entry.value].split(separator: 9, maxSplits: 3, omittingEmptySubsequences: false)
                return fields.count >= 2 && fields[1].dropFirst().first == UInt8(ascii: "0")
            }
            changed = true
        }
    }

    /// The cached result for `path`, if nothing it depends on has changed.
    func result(for path: String, airflowIgnored: Bool) -> FlowScanner.FileResult? {
        guard let range = stored[path] else { return nil }
        let fields = bytes[range].split(separator: 9, maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, fields[1].count == 3, let stamp = FileStamp(text: fields[0]), stamp == self.stamp(of: path),
            (fields[1].first == UInt8(ascii: "1")) == airflowIgnored
        else { return nil }
        var result = FlowScanner.FileResult(parsed: fields[1].last == UInt8(ascii: "1"))
        if !fields[2].isEmpty {
            guard let payload = try? JSONValue.parse(Array(fields[2])), Self.dependenciesUnchanged(payload["dependencies"], self),
                let decoded = Self.decode(payload, parsed: result.parsed)
            else { return nil }
            result = decoded
        }
        lock.withLock { lines[path] = .reused(bytes[range]) }
        return result
    }

    /// Records a freshly computed result. `dependencies` are the modules it followed.
    func store(_ result: FlowScanner.FileResult, for path: String, airflowIgnored: Bool, dependencies: Set<String>,
        usedModuleIndex: Bool)
    {
        lock.withLock { changed = true }
        // Tabs and newlines would break the line format; such paths are simply not cached.
        guard !path.contains(Character("\t")), !path.contains(Character("\n")), let stamp = stamp(of: path) else { return }
        var dependencyStamps: [String: JSONValue] = [:]  // path → stamp text, as in the line's second field
        var newest = stamp.modified
        for dependency in dependencies {
            guard let dependencyStamp = self.stamp(of: dependency) else { return }
            dependencyStamps[dependency] = .string(dependencyStamp.text)
            newest = max(newest, dependencyStamp.modified)
        }
        guard newest < (Int(Date().timeIntervalSince1970) - 2) * 1_000_000_000 else { return }
        var payload = ""
        if !result.flows.isEmpty || !result.diagnostics.isEmpty || !result.suppressions.isEmpty || !dependencies.isEmpty {
            let json: JSONValue = [
                "dependencies": .object(dependencyStamps), "flows": .array(result.flows.map(\.json)),
                "diagnostics": .array(result.diagnostics.map(\.json)), "suppressions": .array(result.suppressions.map(\.json)),
            ]
            payload = json.serialized(indent: nil)
        }
        let flags = [airflowIgnored, usedModuleIndex, result.parsed].map { $0 ? "1" : "0" }.joined()
        let line = "\(stamp.text)\t\(flags)\t\(payload)"
        lock.withLock { lines[path] = .fresh(line) }
    }

    /// Writes the entries of this scan, in the walk's order (files no longer in the
    /// tree are dropped). Failures are ignored.
    func save(files: [String]) {
        guard changed || lines.count != stored.count else { return }
        // Nothing to keep and nothing to replace: leave the tree untouched.
        if lines.isEmpty && stored.isEmpty && storedTreeDigest == nil { return }
        var out = Array("acme-scan-cache \(Self.formatVersion) \(treeDigest) \(airflowDigest)\n".utf8)
        out.reserveCapacity(bytes.count + 4096)
        for path in files {
            guard let line = lines[path] else { continue }
            out += path.utf8
            out.append(9)
            switch line {
            case .reused(let line): out += line
            case .fresh(let line): out += line.utf8
            }
            out.append(10)
        }
        let cacheFolder = location.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
            let ignore = cacheFolder.appendingPathComponent(".gitignore")
            if !FileManager.default.fileExists(atPath: ignore.path) {
                try Data("# Automatically created by acme-scan.\n*\n".utf8).write(to: ignore, options: .atomic)
            }
            try Data(out).write(to: location, options: .atomic)
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

    /// FNV-1a, 64-bit: stable across runs and machines, unlike `Hasher`.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
