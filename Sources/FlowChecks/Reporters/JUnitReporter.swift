import FlowDiscovery

/// JUnit XML: a test suite per file, a failing test case per finding.
public struct JUnitReporter: Reporter {
    public static let name = "junit"

    public init() {}

    public func report(_ findings: [Finding], rules: [any Rule], sources: SourceLines) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"acme-scan\" tests=\"\(max(findings.count, 1))\" failures=\"\(findings.count)\">\n"
        if findings.isEmpty {
            out += "  <testsuite name=\"acme-scan\" tests=\"1\" failures=\"0\">\n    <testcase name=\"no findings\"/>\n  </testsuite>\n"
        }
        let files = Dictionary(grouping: findings, by: \.file)
        for file in files.keys.sorted() {
            let group = files[file]!
            out += "  <testsuite name=\"\(Self.escape(file))\" tests=\"\(group.count)\" failures=\"\(group.count)\">\n"
            for finding in group {
                out += "    <testcase name=\"\(finding.code) at \(finding.line):\(finding.column)\" classname=\"\(Self.escape(file))\">\n"
                out += "      <failure type=\"\(finding.code)\" message=\"\(Self.escape(finding.message))\">"
                out += "\(Self.escape(file)):\(finding.line):\(finding.column): \(Self.escape(finding.message))</failure>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

import Foundation
