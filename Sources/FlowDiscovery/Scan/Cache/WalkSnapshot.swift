import Foundation
import PythonSyntax

/// A walk's outcome with everything it read: kept in the scan cache so that a scan
/// of an unchanged tree stats what the walk read instead of walking again. Listing
/// a folder, applying ignore files, asking git and weighing the Airflow evidence cost
/// more than half of an unchanged re-scan of the large corpus; a stat of each
/// folder and input file tells whether any of it could come out differently: a
/// folder's stamp changes when an entry is added, removed or renamed in it, and a
/// file's when it is written.
///
/// Stored as lines, one per item, a letter first: `W size mtime ctime inode path` for
/// an input (a folder listed, an ignore file, an evidence file, git's index; `.` is the
/// root), `P path` a walked file in order, `G syntax path` a file an `.airflowignore`
/// excludes, `N path` a named file, `E path` an evidence file, `D json` a diagnostic,
/// `V json` a piece of Airflow evidence.
struct WalkSnapshot {
    var walk: WalkResult
    var evidence: [AirflowVersionEvidence]
    /// The walk's inputs and the evidence files with their stamps (``AirflowTargets/watched``).
    var inputs: [WalkInput]

    /// The snapshot's text, or nil when it cannot be kept: something unwatchable, a path with a
    /// line break, or an input changed in the last two seconds (a second change within the
    /// clock's granularity could go unseen, as for the cache's entries).
    func encoded(key: String) -> [UInt8]? {
        let recent = (Int(Date().timeIntervalSince1970) - 2) * 1_000_000_000
        guard !inputs.contains(.unwatchable), inputs.allSatisfy({ $0.stamp.modified < recent }) else {
            return nil
        }
        var lines = ["acme-walk 1 \(key)"]
        for input in inputs { lines.append("W \(input.stamp.text) \(input.path.isEmpty ? "." : input.path)") }
        lines += walk.files.map { "P " + $0 }
        for (syntax, paths) in walk.airflowIgnored.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines += paths.sorted().map { "G \(syntax.rawValue) \($0)" }
        }
        lines += walk.namedFiles.map { "N " + $0 } + walk.airflowEvidence.map { "E " + $0 }
        lines += walk.diagnostics.map { "D " + $0.json.serialized(indent: nil) }
        lines += evidence.map { "V " + $0.json.serialized(indent: nil) }
        guard !lines.contains(where: { $0.contains("\n") || $0.contains("\r") }) else { return nil }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The snapshot in `bytes` if it was made with `key` and every input under `root` is as it was.
    /// Read from the bytes, a line at a time: `check FILE` reads 7,700 lines of it on the large
    /// corpus, and splitting them into strings first cost it 4 ms.
    static func current(_ bytes: ArraySlice<UInt8>, key: String, root: String) -> WalkSnapshot? {
        var lines = Lines(bytes)
        guard let header = lines.next(), header.elementsEqual("acme-walk 1 \(key)".utf8) else { return nil }
        var snapshot = WalkSnapshot(walk: WalkResult(), evidence: [], inputs: [])
        var absolutes: [String] = []
        while let line = lines.next() {
            guard line.count >= 2, let letter = line.first else { return nil }
            let restBytes = line.dropFirst(2)
            switch letter {
            case UInt8(ascii: "W"):
                // Four numbers, then the path, which may hold spaces.
                guard let (stamp, pathBytes) = Self.stamp(restBytes) else { return nil }
                let path = pathBytes.elementsEqual(".".utf8) ? "" : String(decoding: pathBytes, as: UTF8.self)
                absolutes.append(path.hasPrefix("/") ? path : (path.isEmpty ? root : root + "/" + path))
                snapshot.inputs.append(WalkInput(path: path, stamp: stamp))
            case UInt8(ascii: "P"): snapshot.walk.files.append(String(decoding: restBytes, as: UTF8.self))
            case UInt8(ascii: "G"):
                let fields = String(decoding: restBytes, as: UTF8.self).split(separator: " ", maxSplits: 1)
                guard fields.count == 2, let syntax = AirflowIgnore.Syntax(rawValue: String(fields[0])) else { return nil }
                snapshot.walk.airflowIgnored[syntax, default: []].insert(String(fields[1]))
            case UInt8(ascii: "N"): snapshot.walk.namedFiles.append(String(decoding: restBytes, as: UTF8.self))
            case UInt8(ascii: "E"): snapshot.walk.airflowEvidence.append(String(decoding: restBytes, as: UTF8.self))
            case UInt8(ascii: "D"):
                guard let json = try? JSONValue.parse(Array(restBytes)), let diagnostic = try? Diagnostic(json: json) else { return nil }
                snapshot.walk.diagnostics.append(diagnostic)
            case UInt8(ascii: "V"):
                guard let json = try? JSONValue.parse(Array(restBytes)), let evidence = AirflowVersionEvidence(json: json) else { return nil }
                snapshot.evidence.append(evidence)
            default:
                return nil
            }
        }
        // Stamped together, on every core: a folder's stamp stands for its listing.
        for (input, now) in zip(snapshot.inputs, FileStamp.stamps(of: absolutes))
        where now != (input.stamp == WalkInput.absent ? nil : input.stamp) {
            return nil
        }
        snapshot.walk.inputs = snapshot.inputs
        return snapshot
    }

    /// The non-empty lines of `bytes`.
    private struct Lines {
        var rest: ArraySlice<UInt8>
        init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

        mutating func next() -> ArraySlice<UInt8>? {
            while let first = rest.first, first == UInt8(ascii: "\n") { rest = rest.dropFirst() }
            guard !rest.isEmpty else { return nil }
            let end = rest.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
            defer { rest = rest[end...] }
            return rest[..<end]
        }
    }

    /// `size mtime ctime inode path`: the stamp (``FileStamp/text``) and the path's bytes.
    private static func stamp(_ bytes: ArraySlice<UInt8>) -> (FileStamp, ArraySlice<UInt8>)? {
        var end = bytes.startIndex
        for _ in 0..<4 {
            guard let space = bytes[end...].firstIndex(of: UInt8(ascii: " ")) else { return nil }
            end = space + 1
        }
        return FileStamp(text: bytes[..<(end - 1)]).map { ($0, bytes[end...]) }
    }

    /// Identifies what the walk was asked for: another root or other options walk differently.
    static func key(root: String, options: WalkOptions) -> String {
        let parts = [root, options.excludes.joined(separator: "\u{1}"), options.includes.joined(separator: "\u{1}"),
            options.airflow.cacheKey, options.airflowIgnoreSyntax ?? "-", options.alsoNamed.sorted().joined(separator: "\u{1}")]
        return ScanCache.digest(parts.joined(separator: "\u{2}"))
    }
}

extension AirflowVersionEvidence {
    var json: JSONValue {
        var object: [String: JSONValue] = ["major": .int(major), "kind": .int(kind.rawValue), "file": .string(file),
            "line": .int(line), "text": .string(text)]
        if let note { object["note"] = .string(note) }
        return .object(object)
    }

    init?(json: JSONValue) {
        guard case .int(let major)? = json["major"], case .int(let kind)? = json["kind"], let kind = Kind(rawValue: kind),
            let file = json["file"]?.stringValue, case .int(let line)? = json["line"], let text = json["text"]?.stringValue
        else { return nil }
        self.init(major: major, kind: kind, file: file, line: line, text: text, note: json["note"]?.stringValue)
    }
}
