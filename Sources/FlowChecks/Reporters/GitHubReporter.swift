import FlowDiscovery

/// GitHub Actions workflow commands: annotations on the pull request's files.
public struct GitHubReporter: Reporter {
    public static let name = "github"

    public init() {}

    public func report(_ findings: [Finding], rules: [any Rule], sources: SourceLines) -> String {
        findings.map { finding in
            let level = finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "notice"
            return "::\(level) title=acme-scan (\(finding.code)),file=\(Self.property(finding.file)),line=\(finding.line),col=\(finding.column)::\(Self.data(finding.message))\n"
        }.joined()
    }

    // Escapes from GitHub's workflow-command syntax.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

import Foundation
