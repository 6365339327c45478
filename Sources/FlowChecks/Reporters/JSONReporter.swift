import FlowDiscovery
import PythonSyntax

/// A JSON array of findings, keys sorted.
public struct JSONReporter: Reporter {
    public static let name = "json"

    public init() {}

    public func report(_ findings: [Finding], rules: [any Rule], sources: SourceLines) -> String {
        JSONValue.array(findings.map { finding in
            ["code": .string(finding.code), "severity": .string(finding.severity.rawValue),
             "message": .string(finding.message), "file": .string(finding.file),
             "line": .int(finding.line), "column": .int(finding.column)]
        }).serialized() + "\n"
    }
}
