import DeployRegistry
import Foundation
import PythonSyntax
import Testing
import TestSupport

/// deploy, promote, rollback, deployments and history end to end on the embedded
/// `local` backend, through the built binary, in real git repositories.
@Suite struct LocalDeployTests {
    static let flows = """
        from prefect import flow


        @flow(name="etl-daily")
        def etl_daily(source: str = "s3://raw", limit: int = 100):
            pass


        @flow
        def report(recipients: list[str] = []):
            pass
        """

    static let settings = """
        project = "acme"

        [defaults]
        tags = ["team-data"]

        [[environments]]
        name = "dev"
        backend = "local"

        [[environments]]
        name = "tst"
        backend = "local"

        [[environments]]
        name = "prod"
        backend = "local"
        """

    static func project() throws -> GitProject {
        try GitProject(files: ["flows/etl.py": flows, "acme.toml": settings])
    }

    static func json(_ result: ProcessResult) throws -> JSONValue {
        try JSONValue.parse(Array(result.stdout.utf8))
    }

    static func actions(_ result: ProcessResult) throws -> [String: String] {
        var actions: [String: String] = [:]
        for item in try json(result)["results"]?.arrayValue ?? [] {
            actions[item["flow"]!.stringValue!] = item["action"]!.stringValue!
        }
        return actions
    }

    func registry(_ project: GitProject) throws -> SQLiteRegistry {
        try SQLiteRegistry(path: project.url.appendingPathComponent(".acme-scan/registry.sqlite").path)
    }

    @Test func deployCreatesThenChangesNothing() throws {
        let project = try Self.project()
        let head = try project.head()
        let first = try project.acmeScan(["deploy", "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Self.actions(first) == ["etl-daily": "created", "report": "created"])
        let result = try #require(try Self.json(first)["results"]?.arrayValue?.first)
        #expect(result["commit"] == .string(head) && result["version"] == .string("main-\(head.prefix(7))"))
        #expect(try Self.json(first)["environment"] == "dev", "the first environment by default")
        let stored = try registry(project).localDeployments(environment: "dev")
        #expect(stored.map(\.name) == ["acme--main--etl-daily--dev", "acme--main--report--dev"])
        let second = try project.acmeScan(["deploy", "--format", "json"])
        #expect(try Self.actions(second) == ["etl-daily": "unchanged", "report": "unchanged"])
        #expect(try registry(project).localDeployments(environment: "dev").map(\.updated) == stored.map(\.updated),
            "an unchanged deployment is not written again")
        #expect(FileManager.default.fileExists(atPath: project.url.appendingPathComponent(".acme-scan/.gitignore").path))
        #expect(try project.git("status", "--porcelain").stdout.isEmpty, "the registry is ignored by git")
    }

    @Test func dryRunShowsTheFieldsThatChangeAndChangesNothing() throws {
        let project = try Self.project()
        #expect(try project.acmeScan(["deploy"]).status == 0)
        try project.write("acme.toml", Self.settings + "\n[flows.etl-daily]\nparameters = { limit = 5 }\n")
        try project.commit("limit")
        let plan = try project.acmeScan(["deploy", "--dry-run"])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("update    dev  acme--main--etl-daily--dev\n          parameters: {} -> {\"limit\":5}"), "\(plan.stdout)")
        #expect(plan.stdout.contains("plan: 0 create, 2 update, 0 unchanged, 0 delete"))
        let stored = try registry(project).localDeployments(environment: "dev").first { $0.flow == "etl-daily" }!
        #expect(!stored.fields.contains("\"limit\":5"), "a dry run writes nothing")
        #expect(try registry(project).events().count == 2, "nor journals anything")
    }

    @Test func uncommittedChangesAreRefusedUnlessAllowed() throws {
        let project = try Self.project()
        try project.write("flows/etl.py", Self.flows + "\n# edited\n")
        let refused = try project.acmeScan(["deploy"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("uncommitted changes in flows/etl.py: commit them (a release is a commit), or pass --allow-dirty"))
        #expect(try registry(project).events().isEmpty)
        let allowed = try project.acmeScan(["deploy", "--allow-dirty"])
        #expect(allowed.status == 0 && allowed.stderr.contains("deploying uncommitted changes (flows/etl.py)"))
        #expect(try registry(project).events().allSatisfy(\.dirty))
    }

    @Test func badNamesAreRefusedWithASuggestion() throws {
        let project = try Self.project()
        let environment = try project.acmeScan(["deploy", "--env", "prd"])
        #expect(environment.status == 2 && environment.stderr.contains("--env: no environment is named 'prd'; did you mean 'prod'?"))
        let flow = try project.acmeScan(["deploy", "etl-dialy"])
        #expect(flow.status == 2 && flow.stderr.contains("no deployable flow or DAG is named 'etl-dialy'; did you mean 'etl-daily'?"))
        let underscored = try project.acmeScan(["deploy", "etl_daily", "--format", "json"])
        #expect(try Self.actions(underscored) == ["etl-daily": "created"], "the acme-portal form of a name works too")
    }

    @Test func promoteMovesTheReleaseLiveInTheSourceNotHEAD() throws {
        let project = try Self.project()
        let released = try project.head()
        #expect(try project.acmeScan(["deploy"]).status == 0)
        // HEAD moves on: a new default and a new flow that dev never got.
        try project.write("acme.toml", Self.settings.replacingOccurrences(of: "team-data", with: "team-etl"))
        try project.write("flows/new.py", "from prefect import flow\n\n@flow\ndef brand_new():\n    pass\n")
        let moved = try project.commit("moved on")
        let promoted = try project.acmeScan(["promote", "--to", "tst", "--format", "json"])
        #expect(promoted.status == 0, "\(promoted.stderr)")
        #expect(try Self.actions(promoted) == ["etl-daily": "created", "report": "created"])
        let tst = try registry(project).localDeployments(environment: "tst")
        #expect(tst.allSatisfy { $0.commit == released } && !tst.contains { $0.commit == moved })
        #expect(tst.allSatisfy { $0.fields.contains("\"team-data\"") && !$0.fields.contains("team-etl") },
            "the target is built from the release's acme.toml")
        let event = try #require(try registry(project).events(environment: "tst").first)
        #expect(event.action == "promote" && event.fromEnvironment == "dev" && event.who == "Ada Tester <ada@example.com>")
    }

    @Test func promotionOrderIsKeptUnlessSkipped() throws {
        let project = try Self.project()
        #expect(try project.acmeScan(["deploy"]).status == 0)
        let skipped = try project.acmeScan(["promote", "--to", "prod", "--from", "dev"])
        #expect(skipped.status == 2)
        #expect(skipped.stderr.contains("the promotion order is dev -> tst -> prod: 'prod' takes releases from 'tst', not 'dev' (--skip-order to do it anyway)"))
        let empty = try project.acmeScan(["promote", "--to", "prod"])
        #expect(empty.status == 2 && empty.stderr.contains("nothing of branch 'main' is deployed in 'tst'"))
        #expect(try project.acmeScan(["promote", "--to", "prod", "--from", "dev", "--skip-order"]).status == 0)
        let first = try project.acmeScan(["promote", "--to", "dev"])
        #expect(first.status == 2 && first.stderr.contains("'dev' is the first environment"))
    }

    @Test func rollbackPutsBackThePreviousRelease() throws {
        let project = try Self.project()
        let first = try project.head()
        #expect(try project.acmeScan(["deploy"]).status == 0)
        try project.write("acme.toml", Self.settings + "\n[flows.etl-daily]\nparameters = { limit = 5 }\n")
        let second = try project.commit("limit")
        #expect(try project.acmeScan(["deploy"]).status == 0)
        let rolled = try project.acmeScan(["rollback", "etl-daily", "--env", "dev", "--format", "json"])
        #expect(rolled.status == 0, "\(rolled.stderr)")
        #expect(try Self.actions(rolled) == ["etl-daily": "updated"])
        let live = try registry(project).localDeployments(environment: "dev").first { $0.flow == "etl-daily" }!
        #expect(live.commit == first && !live.fields.contains("\"limit\":5"))
        #expect(try registry(project).events().last?.action == "rollback")
        let forward = try project.acmeScan(["rollback", "etl-daily", "--env", "dev", "--to", String(second.prefix(8))])
        #expect(forward.status == 0)
        #expect(try registry(project).localDeployments(environment: "dev").first { $0.flow == "etl-daily" }!.commit == second)
        let unknown = try project.acmeScan(["rollback", "etl-daily", "--env", "dev", "--to", "abcdef1"])
        #expect(unknown.status == 2 && unknown.stderr.contains("shows no release abcdef1"))
    }

    @Test func pruneDeletesOnlyThisProjectsOrphans() throws {
        let project = try Self.project()
        #expect(try project.acmeScan(["deploy"]).status == 0)
        try project.write("flows/etl.py", Self.flows.components(separatedBy: "@flow\ndef report")[0])
        try project.commit("report is gone")
        let matrix = try project.acmeScan(["deployments"])
        #expect(matrix.stdout.contains("orphan dev  acme--main--report--dev: no flow of the tree produces it"), "\(matrix.stdout)")
        let plan = try project.acmeScan(["deploy", "--prune", "--dry-run"])
        #expect(plan.stdout.contains("delete    dev  acme--main--report--dev"))
        let pruned = try project.acmeScan(["deploy", "--prune", "--format", "json"])
        #expect(try Self.actions(pruned) == ["etl-daily": "updated", "report": "deleted"])
        #expect(try registry(project).localDeployments(environment: "dev").map(\.flow) == ["etl-daily"])
        #expect(try registry(project).events().last { $0.flow == "report" }?.action == "prune")
        #expect(try project.acmeScan(["deploy", "--prune", "report"]).status == 2)
    }

    @Test func deploymentsShowsEnvironmentsBehindAndChangesByHand() throws {
        let project = try Self.project()
        #expect(try project.acmeScan(["deploy"]).status == 0)
        #expect(try project.acmeScan(["promote", "--to", "tst"]).status == 0)
        try project.write("acme.toml", Self.settings + "\n[flows.etl-daily]\nparameters = { limit = 5 }\n")
        let second = try project.commit("limit")
        #expect(try project.acmeScan(["deploy"]).status == 0)
        // Someone edits tst's deployment behind acme-scan's back.
        let database = project.url.appendingPathComponent(".acme-scan/registry.sqlite").path
        let edit = try Run.process("/usr/bin/env", ["sqlite3", database,
            "UPDATE localDeployment SET fields = replace(fields, '\"paused\":false', '\"paused\":true') WHERE environment = 'tst' AND flow = 'report'"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let matrix = try project.acmeScan(["deployments", "--format", "json"])
        #expect(matrix.status == 0, "\(matrix.stderr)")
        let rows = try Self.json(matrix)["deployments"]?.arrayValue ?? []
        func drift(_ flow: String, _ environment: String) -> [String] {
            rows.first { $0["flow"] == .string(flow) && $0["environment"] == .string(environment) }?["drift"]?.arrayValue?
                .compactMap(\.stringValue) ?? ["missing"]
        }
        #expect(drift("etl-daily", "tst") == ["behind dev (\(second.prefix(7)))"])
        #expect(drift("report", "tst") == ["behind dev (\(second.prefix(7)))", "changed by hand: paused"])
        #expect(drift("etl-daily", "dev").isEmpty)
        let portal = try Self.json(try project.acmeScan(["deployments", "--format", "acme-portal"])).arrayValue ?? []
        #expect(portal.count == 4)
        #expect(Set(portal.compactMap { $0["flow_name"]?.stringValue }) == ["etl_daily", "report"])
        #expect(portal.allSatisfy { $0["env"] != nil && $0["commit_hash"]?.stringValue?.count == 7 })
    }

    @Test func historyListsEveryAction() throws {
        let project = try Self.project()
        #expect(try project.acmeScan(["deploy"]).status == 0)
        #expect(try project.acmeScan(["promote", "--to", "tst", "etl-daily"]).status == 0)
        let history = try Self.json(try project.acmeScan(["history", "etl-daily", "--format", "json"]))
        let events = history["events"]?.arrayValue ?? []
        #expect(events.map { "\($0["action"]!.stringValue!) \($0["environment"]!.stringValue!) \($0["result"]!.stringValue!)" }
            == ["deploy dev created", "promote tst created"])
        #expect(events[1]["from"] == "dev" && events[1]["who"] == "Ada Tester <ada@example.com>")
        let text = try project.acmeScan(["history", "--env", "tst"])
        #expect(text.stdout.contains("promote etl-daily -> tst (from dev)") && !text.stdout.contains("report"))
    }

    /// Every JSON the deployer prints satisfies its published schema (docs/*.schema.json),
    /// checked by Python's jsonschema.
    @Test func jsonOutputsMatchTheirSchemas() throws {
        let project = try Self.project()
        let outputs: [(String, [String])] = [
            ("deploy", ["deploy", "--dry-run", "--format", "json"]), ("deploy", ["deploy", "--format", "json"]),
            ("deploy", ["promote", "--to", "tst", "--format", "json"]), ("deployments", ["deployments", "--format", "json"]),
            ("acme-portal-deployments", ["deployments", "--format", "acme-portal"]), ("history", ["history", "--format", "json"]),
        ]
        let folder = try TemporaryFolder()
        for (index, (schema, arguments)) in outputs.enumerated() {
            let run = try project.acmeScan(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            let file = try folder.write("\(index).json", run.stdout)
            let validation = try Run.process(Run.python, [Fixtures.repositoryRoot.appendingPathComponent("Tests/tools/validate_json_schema.py").path,
                Fixtures.repositoryRoot.appendingPathComponent("docs/\(schema).schema.json").path, file.path])
            #expect(validation.status == 0, "\(arguments): \(validation.stdout)\(validation.stderr)")
        }
    }

    /// Two deploys at once share one registry: neither may corrupt it or lose an event.
    @Test func concurrentDeploysLoseNoEvent() throws {
        let project = try Self.project()
        let runs = 6
        let group = DispatchGroup()
        let statuses = LockedArray()
        for index in 0..<runs {
            group.enter()
            DispatchQueue.global().async {
                let environment = ["dev", "tst", "prod"][index % 3]
                let status = (try? project.acmeScan(["deploy", "--env", environment]).status) ?? -1
                statuses.append(status)
                group.leave()
            }
        }
        group.wait()
        #expect(statuses.values == Array(repeating: 0, count: runs))
        let events = try registry(project).events()
        #expect(events.count == runs * 2, "every deploy journaled both flows")
        #expect(Set(events.map(\.run)).count == runs)
        let check = try Run.process("/usr/bin/env", ["sqlite3", project.url.appendingPathComponent(".acme-scan/registry.sqlite").path,
            "PRAGMA integrity_check"])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        for environment in ["dev", "tst", "prod"] {
            #expect(try registry(project).localDeployments(environment: environment).count == 2)
        }
    }
}

final class LockedArray: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int32] = []
    func append(_ value: Int32) { lock.lock(); items.append(value); lock.unlock() }
    var values: [Int32] { lock.lock(); defer { lock.unlock() }; return items }
}

/// The local backend holds Airflow DAGs as well: scoped by project like flows.
@Suite struct LocalDAGDeployTests {
    @Test func dagsDeployAndPromote() throws {
        let dag = """
            from airflow.sdk import DAG

            with DAG("nightly", schedule="@daily") as dag:
                pass
            """
        let project = try GitProject(files: ["dags/nightly.py": dag, "acme.toml": LocalDeployTests.settings])
        let deployed = try project.acmeScan(["deploy", "--format", "json"])
        #expect(try LocalDeployTests.actions(deployed) == ["nightly": "created"], "\(deployed.stderr)")
        let promoted = try project.acmeScan(["promote", "--to", "tst", "--format", "json"])
        #expect(try LocalDeployTests.actions(promoted) == ["nightly": "created"], "\(promoted.stderr)")
        #expect(try project.acmeScan(["deploy", "--format", "json"]).stdout.contains("\"unchanged\""))
    }
}
