import FlowChecks
import FlowDiscovery
import Foundation
import Testing
import TestSupport

@Suite struct ConfigurationTests {
    @Test func readsPyprojectSectionWithSeverityTable() throws {
        let folder = try TemporaryFolder()
        try folder.write("pyproject.toml", """
            [project]
            name = "x"

            [tool.acme-scan]
            select = ["PFX105"]
            ignore = [
                "AFX103",  # we schedule everything explicitly elsewhere
            ]
            airflow-version = 2
            selct = ["typo"]

            [tool.acme-scan.severity]
            PFX001 = "error"
            """)
        try folder.write("sub/dags.py", "")
        // Found by walking up from a sub-folder.
        let config = try CheckConfiguration.find(from: folder.url.appendingPathComponent("sub"))
        #expect(config.select == ["PFX105"] && config.ignore == ["AFX103"])
        #expect(config.airflowVersion == 2)
        #expect(config.severity["PFX001"] == .error)
        #expect(config.warnings.count == 1)
        #expect(config.warnings.first?.hasSuffix("pyproject.toml:10:1: unknown key 'selct' ignored") == true)
    }

    @Test func acmeTomlWinsAndBadValuesAreLocated() throws {
        let folder = try TemporaryFolder()
        try folder.write("pyproject.toml", "[tool.acme-scan]\nselect = [\"PFX105\"]\n")
        try folder.write("acme.toml", "# settings\nairflow-version = 4\n")
        #expect(throws: CheckConfiguration.Invalid.self) { try CheckConfiguration.find(from: folder.url) }
        do {
            _ = try CheckConfiguration.find(from: folder.url)
        } catch {
            #expect(String(describing: error).hasSuffix("acme.toml:2:19: 'airflow-version' must be 2 or 3"))
        }
    }

    @Test func aPyprojectWithoutOurTableIsPassedOver() throws {
        let folder = try TemporaryFolder()
        try folder.write("acme.toml", "minimum-retries = 3\n")
        try folder.write("service/pyproject.toml", "[project]\nname = \"service\"\n")
        let config = try CheckConfiguration.find(from: folder.url.appendingPathComponent("service"))
        #expect(config.source?.hasSuffix("/acme.toml") == true)
        #expect(config.policy.minimumRetries == 3)
    }

    @Test func severityOverridesApply() {
        let flow = Flow(kind: .prefect, name: "a/b", file: "f.py", line: 1, column: 1, endLine: 2, function: "f",
            description: "d", dynamic: false, parameters: [], parameterSchema: [:], metadata: [:])
        let findings = Checker(severities: ["invalid-flow-name": .warning]).check(Project(flows: [flow], diagnostics: []))
        #expect(findings.map(\.severity) == [.warning])
    }
}
