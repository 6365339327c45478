@testable import AcmeScanKit
import Deployer
import Foundation
import PythonSyntax
import Synchronization
import Testing
import TestSupport

/// Every folder under Fixtures/airflow-source is a project, from layouts real Airflow
/// repositories use, with one Airflow environment. `expected.txt` and `expected.json`
/// hold what `deploy --dry-run` prints against an Airflow holding none of its DAGs
/// (text and JSON): the plan, led by what the deploy publishes and why. No server is
/// asked: everything before that question is the deploy's own code (``DeployJob``).
@Suite struct AirflowSourceGoldenTests {
    static let cases = Fixtures.cases("airflow-source")

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 9)
    }

    /// The case in a git repository of its own (a release is a commit).
    static func project(_ name: String) throws -> TemporaryFolder {
        let copy = try Fixtures.copy("airflow-source", name)
        for item in try FileManager.default.contentsOfDirectory(atPath: copy.url.path) where item.hasPrefix("expected") {
            try FileManager.default.removeItem(at: copy.url.appendingPathComponent(item))
        }
        // Fixed dates: the commit, and with it the plan's commit and version, is the same on every run.
        let dates = ["GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"]
        let environment = ProcessInfo.processInfo.environment.merging(GitProject.identity.merging(dates) { _, new in new }) { _, new in new }
        for arguments in [["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "first"]] {
            let run = try Run.process("/usr/bin/env", ["git"] + arguments, in: copy.url, environment: environment)
            try #require(run.status == 0, "\(run.stderr)")
        }
        return copy
    }

    static func dryRun(_ project: URL, format: DeployOutputFormat) throws -> String {
        let job = DeployJob(path: project.path, dryRun: true, format: format)
        let rollout = try job.prepare(log: Log(isTerminal: false) { _ in })
        return rollout.dryRunReport(rollout.plan(against: []))
    }

    @Test(arguments: cases)
    func thePlanSaysWhatIsPublished(_ name: String) throws {
        let project = try Self.project(name)
        let folder = Fixtures.folder("airflow-source", name)
        Fixtures.expectGolden(try Self.dryRun(project.url, format: .text), at: folder.appendingPathComponent("expected.txt"))
        Fixtures.expectGolden(try Self.dryRun(project.url, format: .json), at: folder.appendingPathComponent("expected.json"))
    }

    /// `generate` writes what deploy would publish: the same decision, in airflow.dev.yaml.
    @Test(arguments: cases)
    func generateWritesTheSameSource(_ name: String) throws {
        let project = try Self.project(name)
        let plan = try JSONValue.parse(Array(try Self.dryRun(project.url, format: .json).utf8))
        let warnings = Mutex("")
        let status = try GenerateJob(path: project.url.path).run(output: { _ in },
            log: Log(isTerminal: false) { text in warnings.withLock { $0 += text } })
        #expect(status == 0)
        let yaml = try String(contentsOf: project.url.appendingPathComponent("airflow.dev.yaml"), encoding: .utf8)
        let written = yaml.split(separator: "\n").first { $0.hasPrefix("source: ") }.map { String($0.dropFirst("source: ".count)) }
        switch plan["publishes"]?["source"] {
        case .string(let folder)?:
            let bundle = yaml.contains("\nrepository: ")
            #expect(written == (folder == "." || bundle ? nil : folder), "\(yaml)")
        default:
            #expect(written == nil)
            #expect(warnings.withLock { $0 }.contains("set source to the folder to publish as the dags folder (deploy refuses until then)"))
        }
    }
}
