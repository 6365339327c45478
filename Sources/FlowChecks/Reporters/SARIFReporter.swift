import FlowDiscovery
import FlowManifest
import PythonSyntax

/// SARIF 2.1.0, as GitHub code scanning accepts it.
public struct SARIFReporter: Reporter {
    public static let name = "sarif"

    public init() {}

    public func report(_ findings: [Finding], rules: [any Rule], sources: SourceLines) -> String {
        let reported = Set(findings.map(\.code))
        let described = rules.filter { reported.contains($0.code) }.sorted { $0.code < $1.code }
        let ruleIndex = Dictionary(uniqueKeysWithValues: described.enumerated().map { ($1.code, $0) })
        let driverRules: [JSONValue] = described.map { rule in
            ["id": .string(rule.code), "name": .string(rule.name),
             "shortDescription": ["text": .string(rule.documentation.what)],
             "fullDescription": ["text": .string(rule.documentation.why)],
             "help": ["text": .string(rule.documentation.fix)],
             "defaultConfiguration": ["level": .string(Self.level(rule.severity))]]
        }
        let results: [JSONValue] = findings.map { finding in
            var result: [String: JSONValue] = [
                "ruleId": .string(finding.code), "level": .string(Self.level(finding.severity)),
                "message": ["text": .string(finding.message)],
                "locations": [["physicalLocation": [
                    "artifactLocation": ["uri": .string(finding.file), "uriBaseId": "%SRCROOT%"],
                    "region": ["startLine": .int(finding.line), "startColumn": .int(finding.column)],
                ]]],
            ]
            if let index = ruleIndex[finding.code] { result["ruleIndex"] = .int(index) }
            return .object(result)
        }
        let log: JSONValue = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": ["name": .string(Generator.name), "version": .string(Generator.version),
                    "rules": .array(driverRules)]],
                "results": .array(results),
            ]],
        ]
        return log.serialized() + "\n"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }
}
