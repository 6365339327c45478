import FlowDiscovery

/// Applies `# acme: ignore[CODE]` comments: one silences findings of CODE on
/// its own line, or, on the decorator or `with` line of a flow, findings of
/// CODE anywhere in that flow. A suppression that silences nothing is
/// itself reported, so stale ones do not pile up.
enum Suppressions {
    static let unusedCode = "ACS100"

    static func apply(_ suppressions: [Suppression], to findings: [Finding], flows: [Flow]) -> [Finding] {
        guard !suppressions.isEmpty else { return findings }
        var used = Set<Int>()
        let kept = findings.filter { finding in
            for (index, suppression) in suppressions.enumerated()
            where suppression.file == finding.file && suppression.codes.contains(finding.code)
                && covers(suppression, line: finding.line, flows: flows)
            {
                used.insert(index)
                return false
            }
            return true
        }
        let unused = suppressions.enumerated().filter { !used.contains($0.offset) }.map { _, suppression in
            Finding(code: unusedCode, severity: .warning,
                message: "suppression of \(suppression.codes.joined(separator: ", ")) suppresses nothing; remove it",
                file: suppression.file, line: suppression.line, column: suppression.column)
        }
        return kept + unused
    }

    private static func covers(_ suppression: Suppression, line: Int, flows: [Flow]) -> Bool {
        if suppression.line == line { return true }
        return flows.contains { flow in
            flow.file == suppression.file && flow.line == suppression.line && (flow.line...flow.endLine).contains(line)
        }
    }
}
