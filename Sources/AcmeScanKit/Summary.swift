import FlowDiscovery
import FlowManifest
import PythonSyntax

/// The short human summary printed to stderr after a scan.
public struct Summary {
    /// What the summary counts: kept with the cache's output record, so that an
    /// unchanged re-scan prints the same summary without the results.
    public struct Figures: Sendable, Equatable {
        public var flowsByKind: [FlowKind: Int]
        public var diagnosticsBySeverity: [Severity: Int]
        public var filesScanned: Int
        public var filesParsed: Int
        public var filesFromCache: Int

        public init(_ result: ScanResult) {
            flowsByKind = Dictionary(grouping: result.flows, by: \.kind).mapValues(\.count)
            diagnosticsBySeverity = Dictionary(grouping: result.diagnostics, by: \.severity).mapValues(\.count)
            filesScanned = result.filesScanned
            filesParsed = result.filesParsed
            filesFromCache = result.filesFromCache
        }

        public var json: JSONValue {
            ["flows": .object(Dictionary(uniqueKeysWithValues: flowsByKind.map { ($0.key.rawValue, JSONValue.int($0.value)) })),
             "diagnostics": .object(Dictionary(uniqueKeysWithValues: diagnosticsBySeverity.map { ($0.key.rawValue, JSONValue.int($0.value)) })),
             "files": .int(filesScanned)]
        }

        /// The figures of a scan that found every file unchanged: none parsed, all from the cache.
        public init?(unchanged json: JSONValue) {
            guard case .int(let files)? = json["files"], let flows = json["flows"]?.objectValue,
                let diagnostics = json["diagnostics"]?.objectValue
            else { return nil }
            flowsByKind = [:]
            for (kind, count) in flows { if let kind = FlowKind(rawValue: kind), case .int(let count) = count { flowsByKind[kind] = count } }
            diagnosticsBySeverity = [:]
            for (severity, count) in diagnostics {
                if let severity = Severity(rawValue: severity), case .int(let count) = count { diagnosticsBySeverity[severity] = count }
            }
            (filesScanned, filesParsed, filesFromCache) = (files, 0, files)
        }
    }

    public let figures: Figures
    public let seconds: Double
    /// Shown when the scan found DAGs: which Airflow they were read for, and why (``Manifest/airflowSummary``).
    public let airflow: String?

    public init(result: ScanResult, seconds: Double, airflow: String? = nil) {
        self.init(figures: Figures(result), seconds: seconds, airflow: airflow)
    }

    public init(figures: Figures, seconds: Double, airflow: String? = nil) {
        self.figures = figures
        self.seconds = seconds
        self.airflow = airflow
    }

    public var text: String {
        let flowCount = figures.flowsByKind.values.reduce(0, +)
        let diagnosticCount = figures.diagnosticsBySeverity.values.reduce(0, +)
        let byKind = FlowKind.allCases.compactMap { kind -> String? in
            let count = figures.flowsByKind[kind] ?? 0
            return count > 0 ? "\(count) \(kind.rawValue)" : nil
        }
        let bySeverity = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = figures.diagnosticsBySeverity[severity] ?? 0
            return count > 0 ? Self.plural(count, severity.rawValue) : nil
        }
        var line = Self.plural(flowCount, "flow")
        if !byKind.isEmpty { line += " (" + byKind.joined(separator: ", ") + ")" }
        line += ", " + Self.plural(diagnosticCount, "diagnostic")
        if !bySeverity.isEmpty { line += " (" + bySeverity.joined(separator: ", ") + ")" }
        line += "; \(Self.plural(figures.filesScanned, "file")) scanned, \(figures.filesParsed) parsed"
        if figures.filesFromCache > 0 { line += ", \(figures.filesFromCache) unchanged (cached)" }
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
