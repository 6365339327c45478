import FlowChecks
import FlowDiscovery
import Testing

@Suite struct SeverityOverrideTests {
    @Test func severityOverridesApply() {
        let flow = Flow(kind: .prefect, name: "a/b", file: "f.py", line: 1, column: 1, endLine: 2, function: "f",
            description: "d", dynamic: false, parameters: [], parameterSchema: [:], metadata: [:])
        let findings = Checker(severities: ["invalid-flow-name": .warning]).check(Project(flows: [flow], diagnostics: []))
        #expect(findings.map(\.severity) == [.warning])
    }
}
