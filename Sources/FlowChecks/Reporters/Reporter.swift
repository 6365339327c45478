import FlowDiscovery

/// One output format of `acme-scan check`. Each format is one type in its own file.
public protocol Reporter: Sendable {
    /// The value users pass to `--format`.
    static var name: String { get }
    /// The whole report; `sources` gives the text of a checked file, for formats that quote it.
    func report(_ findings: [Finding], rules: [any Rule], sources: SourceLines) -> String
}

/// Reads lines of checked files on demand (for the text format's source line and caret).
public struct SourceLines: Sendable {
    let read: @Sendable (String) -> String?

    public init(read: @escaping @Sendable (String) -> String?) {
        self.read = read
    }

    public static let none = SourceLines { _ in nil }

    /// The file's lines, read once per call: reporters keep them while they
    /// go through one file's findings.
    public func lines(of file: String) -> [Substring]? {
        read(file)?.split(separator: "\n", omittingEmptySubsequences: false)
    }
}

public enum Reporters {
    public static let all: [any Reporter.Type] = [TextReporter.self, ConciseReporter.self, JSONReporter.self,
        GitHubReporter.self, SARIFReporter.self, JUnitReporter.self]

    public static func named(_ name: String, colour: Bool = false) -> (any Reporter)? {
        switch name {
        case TextReporter.name: TextReporter(colour: colour)
        case ConciseReporter.name: ConciseReporter()
        case JSONReporter.name: JSONReporter()
        case GitHubReporter.name: GitHubReporter()
        case SARIFReporter.name: SARIFReporter()
        case JUnitReporter.name: JUnitReporter()
        default: nil
        }
    }
}
