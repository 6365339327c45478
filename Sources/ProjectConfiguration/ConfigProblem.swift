import TOMLSyntax

/// Something wrong in the project configuration, at a place in the file.
public struct ConfigProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let message: String
    public let path: String
    public let location: TOMLLocation
    /// The commands that read the setting at fault; empty for a key nobody declares.
    public let readers: Set<SettingsReader>

    public init(_ severity: Severity, _ message: String, path: String, at location: TOMLLocation,
        readers: Set<SettingsReader> = [.generate, .deploy])
    {
        self.severity = severity
        self.message = message
        self.path = path
        self.location = location
        self.readers = readers
    }

    /// How much the problem matters to `reader`, or nil when it is none of its business.
    /// It is an error for the commands that read the setting and for those that ship
    /// (they act on the whole file); `check` warns about the rest, so a pre-commit hook
    /// shows a mistake CI's `generate` would stop on; `scan` keeps to its own keys.
    public func severity(for reader: SettingsReader) -> Severity? {
        if readers.contains(reader) || reader.ships { return severity }
        return reader == .check ? .warning : nil
    }

    /// `problems` as `reader` reports them: each with its severity for it, the rest dropped, in file order.
    public static func weighed(_ problems: [ConfigProblem], for reader: SettingsReader) -> [ConfigProblem] {
        problems.compactMap { problem in problem.severity(for: reader).map { problem.with(severity: $0) } }.sorted(by: inOrder)
    }

    /// The same problem with another severity, as one command reports it.
    public func with(severity: Severity) -> ConfigProblem {
        ConfigProblem(severity, message, path: path, at: location, readers: readers)
    }

    /// `acme.toml:12:5: error: message`, the shape compilers use, so editors can jump to it.
    public var description: String { "\(path):\(location): \(severity.rawValue): \(message)" }

    public static func inOrder(_ a: ConfigProblem, _ b: ConfigProblem) -> Bool {
        (a.path, a.location, a.message) < (b.path, b.location, b.message)
    }
}

/// Collects problems while the configuration is read, so that one run reports all of them.
final class ProblemLog {
    let path: String
    private(set) var problems: [ConfigProblem] = []

    init(path: String) { self.path = path }

    /// A problem with `key`'s value; with no key, a key nobody declares.
    func error(_ message: String, at location: TOMLLocation, key: SettingKey?) {
        problems.append(ConfigProblem(.error, message, path: path, at: location, readers: key?.readers ?? []))
    }
}

/// "did you mean 'etl-daily'?" for a misspelt name: the closest candidate by edit
/// distance, when it is close enough to be a plausible typo.
public enum DidYouMean {
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return nil }
        return best.1 <= max(2, name.count / 3) ? best.0 : nil
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }

    /// " (did you mean 'x'?)" or "".
    static func hint(for name: String, among candidates: [String]) -> String {
        suggestion(for: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
