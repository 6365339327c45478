import FlowChecks
import FlowDiscovery
import Foundation
import Testing
import TestSupport

/// Each report format renders the same findings; its output is a golden file
/// under Fixtures/reporters (`expected.<format>.txt`).
@Suite struct ReporterGoldenTests {
    static let findings = [
        Finding(code: "AFX108", severity: .error, message: "DAG 'cyclic' has a dependency cycle: a >> b >> a",
            file: "dags/cyclic.py", line: 4, column: 1),
        Finding(code: "PFX001", severity: .warning, message: "flow name 'os.environ[\"N\"]' cannot be resolved <statically> & 100%",
            file: "flows/etl, daily.py", line: 7, column: 12),
    ]
    static let sources = SourceLines { file in
        file == "dags/cyclic.py" ? "from airflow.sdk import DAG\n\n\nwith DAG(\"cyclic\"):\n    pass\n" : nil
    }

    @Test(arguments: Reporters.all.map { $0.name })
    func reportMatchesGoldenFile(_ format: String) throws {
        let reporter = try #require(Reporters.named(format))
        let rules = RuleRegistry.all.filter { ["AFX108", "PFX001"].contains($0.code) }
        let text = reporter.report(Self.findings, rules: rules, sources: Self.sources)
        let golden = Fixtures.root.appendingPathComponent("reporters/expected.\(format).txt")
        Fixtures.expectGolden(text, at: golden)
    }

    @Test func textReportOfNothingSaysSo() {
        #expect(TextReporter().report([], rules: [], sources: .none) == "All checks passed.\n")
    }

    @Test func jsonAndSarifAreValidJSON() throws {
        for reporter in [JSONReporter() as any Reporter, SARIFReporter()] {
            let text = reporter.report(Self.findings, rules: RuleRegistry.all, sources: .none)
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
        }
    }

    @Test func junitIsWellFormedXML() throws {
        let text = JUnitReporter().report(Self.findings, rules: [], sources: .none)
        #expect(throws: Never.self) { try XMLDocument(xmlString: text) }
    }
}

#if canImport(FoundationXML)
import FoundationXML
#endif
