import FlowDiscovery

/// One problem a check reports: a rule's code, where, and what.
public struct Finding: Sendable, Equatable {
    public let code: String
    public let severity: Severity
    public let message: String
    /// Relative, `/`-separated path.
    public let file: String
    public let line: Int
    public let column: Int

    public init(code: String, severity: Severity, message: String, file: String, line: Int, column: Int) {
        self.code = code
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// Reports list findings by file, line, column, then code.
    public static func order(_ a: Finding, _ b: Finding) -> Bool {
        (a.file, a.line, a.column, a.code, a.message) < (b.file, b.line, b.column, b.code, b.message)
    }
}
