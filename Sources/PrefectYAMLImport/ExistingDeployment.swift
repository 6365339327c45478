import PythonSyntax

/// Something the import reports, at its place in a prefect.yaml: an error stops it
/// (nothing is written), a warning names what acme.toml does not carry over, a note
/// says a choice the import made where the files allow two readings.
public struct ImportNote: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public let severity: Severity
    public let message: String
    /// The prefect.yaml, relative to the project root.
    public let file: String
    public let line: Int

    public init(_ severity: Severity, _ message: String, file: String, line: Int) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
    }

    /// `pipelines/sales/prefect.yaml:12: warning: ...`, the shape editors jump to.
    public var description: String { "\(file):\(line): \(severity.rawValue): \(message)" }

    static func inOrder(_ a: ImportNote, _ b: ImportNote) -> Bool { (a.file, a.line, a.message) < (b.file, b.line, b.message) }
}

/// One acme.toml setting of one deployment, as the import places it on a level. Settings
/// that merge across levels are split into the parts that merge: one slot per parameter,
/// per leaf of the job variables and per tag, so each part goes to its own most general level.
enum SettingSlot: Hashable, Comparable {
    /// A flow setting that a stronger level replaces, by its acme.toml key.
    case plain(String)
    /// One key of `parameters`.
    case parameter(String)
    /// One leaf of `job-variables` (a value that is not a table, or an empty table).
    case jobVariable([String])
    /// One tag; its value is `true`.
    case tag(String)

    static func < (a: SettingSlot, b: SettingSlot) -> Bool { a.sortKey.lexicographicallyPrecedes(b.sortKey) }

    private var sortKey: [String] {
        switch self {
        case .plain(let key): ["0", key]
        case .parameter(let key): ["1", key]
        case .jobVariable(let path): ["2"] + path
        case .tag(let tag): ["3", tag]
        }
    }
}

/// A deployment of a hand-written prefect.yaml, in acme.toml's terms: every setting
/// Prefect would apply, with the steps a deployment inherits from the top of its file.
struct ExistingDeployment: Sendable {
    /// The prefect.yaml, relative to the project root.
    var file: String
    /// Where `prefect deploy` runs for it, relative to the project root: its entrypoint's base.
    /// The file's folder until ``EntrypointResolution`` tells (the root or that folder).
    var folder: String
    var line: Int
    var name: String
    /// As written, relative to `folder`.
    var entrypoint: String
    var entrypointLine: Int
    /// In file order (environments are told by them, and placement keeps their order).
    var tags: [String]
    var settings: [SettingSlot: JSONValue]

    /// The folder the file is in ("" at the project root).
    var fileFolder: String { file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "" }
}

/// Slots put back together as the settings of one level: parameters and job variables as
/// tables, tags as a list (unordered: the renderer orders them).
struct AssembledSettings {
    var plain: [String: JSONValue] = [:]
    var parameters: [String: JSONValue] = [:]
    var jobVariables: [String: JSONValue] = [:]
    var tags: [String] = []

    init(_ slots: [SettingSlot: JSONValue]) {
        for (slot, value) in slots {
            switch slot {
            case .plain(let key): plain[key] = value
            case .parameter(let name): parameters[name] = value
            case .jobVariable(let path): jobVariables = Self.setting(value, at: path[...], in: jobVariables)
            case .tag(let tag): tags.append(tag)
            }
        }
    }

    private static func setting(_ value: JSONValue, at path: ArraySlice<String>, in members: [String: JSONValue]) -> [String: JSONValue] {
        guard let first = path.first else { return members }
        var members = members
        members[first] = path.count == 1 ? value : .object(setting(value, at: path.dropFirst(), in: members[first]?.objectValue ?? [:]))
        return members
    }
}
