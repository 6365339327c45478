import FlowDiscovery
import FlowManifest

/// The short human summary printed to stderr after a scan.
public struct Summary {
    public let result: ScanResult
    public let seconds: Double
    /// Shown when the scan found DAGs: which Airflow they were read for, and why (``Manifest/airflowSummary``).
    public let airflow: String?

    public init(result: ScanResult, seconds: Double, airflow: String? = nil) {
        self.result = result
        self.seconds = seconds
        self.airflow = airflow
    }

    public var text: String {
        let byKind = FlowKind.allCases.compactMap { kind -> String? in
            let count = result.flows.filter { $0.kind == kind }.count
            return count > 0 ? "\(count) \(kind.rawValue)" : nil
        }
        let bySeverity = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = result.diagnostics.filter { $0.severity == severity }.count
            return count > 0 ? Self.plural(count, severity.rawValue) : nil
        }
        var line = Self.plural(result.flows.count, "flow")
        if !byKind.isEmpty { line += " (" + byKind.joined(separator: ", ") + ")" }
        line += ", " + Self.plural(result.diagnostics.count, "diagnostic")
        if !bySeverity.isEmpty { line += " (" + bySeverity.joined(separator: ", ") + ")" }
        line += "; \(Self.plural(result.filesScanned, "file")) scanned, \(result.filesParsed) parsed"
        if result.filesFromCache > 0 { line += ", \(result.filesFromCache) unchanged (cached)" }
        line += String(format: "; %.2f s", seconds)
        if let airflow { line += "\n" + airflow }
        return line
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        let word = noun == "info" ? noun : (count == 1 ? noun : noun + "s")
        return "\(count) \(word)"
    }
}

import Foundation
