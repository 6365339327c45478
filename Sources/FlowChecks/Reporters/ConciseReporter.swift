import FlowDiscovery

/// One line per finding: `path:line:col: CODE [severity] message`.
public struct ConciseReporter: Reporter {
    public static let name = "concise"

    public init() {}

    public func report(_ findings: [Finding], rules: [any Rule], sources: SourceLines) -> String {
        findings.map { "\($0.file):\($0.line):\($0.column): \($0.code) [\($0.severity.rawValue)] \($0.message)\n" }.joined()
    }
}
