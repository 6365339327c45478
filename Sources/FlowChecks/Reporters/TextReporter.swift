import FlowDiscovery

/// `path:line:col: CODE message`, the source line and a caret (coloured on a terminal).
public struct TextReporter: Reporter {
    public static let name = "text"
    let colour: Bool

    public init(colour: Bool = false) {
        self.colour = colour
    }

    public func report(_ findings: [Finding], rules: [any Rule], sources: SourceLines) -> String {
        var out = ""
        // Findings come sorted by file: read each file once.
        var current: (file: String, lines: [Substring]?)?
        for finding in findings {
            let code = paint(finding.code, finding.severity == .error ? "31" : finding.severity == .warning ? "33" : "36")
            out += "\(paint("\(finding.file):\(finding.line):\(finding.column):", "1")) \(code) \(finding.message)\n"
            if current?.file != finding.file { current = (finding.file, sources.lines(of: finding.file)) }
            if let lines = current?.lines, lines.indices.contains(finding.line - 1) {
                let line = lines[finding.line - 1]
                out += "  \(line)\n"
                out += "  " + String(repeating: " ", count: max(0, finding.column - 1)) + paint("^", "31") + "\n"
            }
        }
        let errors = findings.filter { $0.severity == .error }.count
        out += findings.isEmpty ? "All checks passed.\n"
            : "Found \(findings.count) \(findings.count == 1 ? "problem" : "problems") (\(errors) \(errors == 1 ? "error" : "errors")).\n"
        return out
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
