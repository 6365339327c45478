import AcmeScanKit
import FlowChecks
import FlowDiscovery
import Foundation
import ProjectConfiguration
import Testing
import TestSupport

/// Every rule has a folder under Fixtures/check named after its code, with
/// `expected.txt`: the concise report of that rule's findings there.
@Suite struct RuleFixtureTests {
    static let cases = Fixtures.cases("check")

    @Test func everyRuleHasAFixtureAndDocumentation() {
        let codes = Set(Self.cases.map { String($0.prefix(6)) })
        for rule in RuleRegistry.all {
            #expect(codes.contains(rule.code), "rule \(rule.code) has no fixture under Fixtures/check")
            for text in [rule.documentation.what, rule.documentation.why, rule.documentation.example, rule.documentation.fix] {
                #expect(!text.isEmpty, "rule \(rule.code) lacks documentation")
            }
        }
        #expect(Set(RuleRegistry.all.map(\.code)).count == RuleRegistry.all.count, "rule codes are unique")
    }

    @Test(arguments: cases)
    func ruleFindsWhatItsFixtureExpects(_ name: String) throws {
        let code = String(name.prefix(6))
        let folder = Fixtures.folder("check", name)
        let configuration = try ProjectConfiguration.load(from: folder)
        var walk = WalkOptions(airflowVersion: configuration.airflowTarget().major)
        if let args = try? String(contentsOf: folder.appendingPathComponent("acme-scan.args"), encoding: .utf8),
            args.contains("--airflow-version 2")
        {
            walk.airflowVersion = 2
        }
        let scan = try FlowScanner(options: ScanOptions(walk: walk)).scan(root: folder)
        let rule = try #require(RuleRegistry.rule(code))
        // The whole checker, every rule selected, as `check --select ALL` runs it; then this rule's findings.
        let project = Project(flows: scan.flows, diagnostics: scan.diagnostics, suppressions: scan.suppressions,
            policy: configuration.check.policy)
        let findings = Checker(selection: RuleSelection(select: ["ALL"])).check(project).filter { $0.code == code }
        #expect(!findings.isEmpty, "\(code) found nothing in its own fixture")
        let text = ConciseReporter().report(findings, rules: [rule], sources: .none)
        Fixtures.expectGolden(text, at: folder.appendingPathComponent("expected.txt"))
    }
}
