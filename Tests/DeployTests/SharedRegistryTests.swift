import DeployRegistry
import Foundation
import PrefectAPI
import PythonSyntax
import Testing
import TestSupport

/// The team's registry on a real PostgreSQL server (scripts/test.sh starts one;
/// under CI=true these never skip): runners that share nothing but git see one
/// history, and what cannot reach the registry changes nothing.
@Suite(.enabled(if: TestServers.postgresEnabled), .serialized)
struct SharedRegistryTests {
    static func name() -> String { "t-\(UUID().uuidString.prefix(8).lowercased())" }

    /// The backends of the three-runner scenario: `local` (its deployments in the
    /// registry too) and, with the test server, a real Prefect.
    static var backends: [String] { TestServers.prefectEnabled ? ["local", "prefect"] : ["local"] }

    /// Runner A deploys commit 1, runner B (a fresh clone) commit 2, runner C (a
    /// fresh clone) sees both in history and rolls back to commit 1.
    @Test(arguments: backends) func threeRunnersShareOneHistoryAndRollBack(_ backend: String) async throws {
        var environment: [String: String] = [:]
        if backend == "prefect" {
            let url = try TestServers.prefectURL()
            try await PrefectClient(connection: PrefectConnection(apiURL: url)).createWorkPool(named: "acme-test-pool")
            environment["PREFECT_API_URL"] = url
        }
        let registry = try TestRegistry(.postgres)
        let project = Self.name()
        let (origin, _) = try RegistryTestProject.origin(project: project, registry: registry.setting, flows: 2, backend: backend)
        let remote = origin.url.appendingPathComponent("repo.git")
        let runEnvironment = registry.environment.merging(environment) { _, new in new }

        let runnerA = try GitProject.clone(remote)
        let first = try runnerA.head()
        let deployedA = try runnerA.acmeScan(["deploy", "--format", "json"], environment: runEnvironment)
        #expect(deployedA.status == 0, "\(deployedA.stderr)")

        let runnerB = try GitProject.clone(remote)
        try runnerB.write("flows/etl.py", RegistryTestProject.flows(2, marker: " (second)"))
        let second = try runnerB.commit("second")
        try runnerB.git("push", "-q", "origin", "HEAD:main")
        let ci = ["GITHUB_ACTIONS": "true", "GITHUB_RUN_ID": "4242", "GITHUB_RUN_ATTEMPT": "1", "GITHUB_REPOSITORY": "acme/etl",
            "GITHUB_SERVER_URL": "https://github.example", "GITHUB_JOB": "deploy"]
        let deployedB = try runnerB.acmeScan(["deploy", "--format", "json"], environment: runEnvironment.merging(ci) { _, new in new })
        #expect(deployedB.status == 0, "\(deployedB.stderr)")
        #expect(try RegistryTestProject.json(deployedB)["results"]?.arrayValue?.allSatisfy { $0["action"] == "updated" } == true)

        let runnerC = try GitProject.clone(remote)
        let history = try runnerC.acmeScan(["history", "--env", "dev", "--format", "json"], environment: runEnvironment)
        #expect(history.status == 0, "\(history.stderr)")
        let events = try RegistryTestProject.json(history)["events"]?.arrayValue ?? []
        #expect(events.map { $0["commit"]?.stringValue ?? "" } == [first, first, second, second], "\(history.stdout)")
        #expect(events.allSatisfy { $0["host"]?.stringValue?.isEmpty == false && $0["acme_scan_version"]?.stringValue?.isEmpty == false })
        let fromCI = try #require(events.last?["ci"])
        #expect(fromCI["provider"] == "github-actions" && fromCI["url"] == "https://github.example/acme/etl/actions/runs/4242")
        #expect(fromCI["job"]?.stringValue?.contains("run 4242 attempt 1 job deploy") == true, "\(fromCI)")

        let rolled = try runnerC.acmeScan(["rollback", "flow-0", "--env", "dev", "--format", "json"], environment: runEnvironment)
        #expect(rolled.status == 0, "\(rolled.stderr)")
        let matrix = try RegistryTestProject.json(try runnerC.acmeScan(["deployments", "--env", "dev", "--format", "json"],
            environment: runEnvironment))
        let commits = Dictionary(uniqueKeysWithValues: (matrix["deployments"]?.arrayValue ?? []).map {
            ($0["flow"]?.stringValue ?? "", $0["commit"]?.stringValue ?? "")
        })
        #expect(commits == ["flow-0": first, "flow-1": second], "\(matrix)")
        let last = try RegistryTestProject.json(try runnerA.acmeScan(["history", "flow-0", "--format", "json"], environment: runEnvironment))
        #expect(last["events"]?.arrayValue?.last?["action"] == "rollback", "runner A, never pulled, sees it too")
    }

    /// A wrong or missing password: the message names the variable, never the value,
    /// and the value is nowhere in the output or the registry.
    @Test func aWrongPasswordNamesTheVariableNotTheValue() throws {
        let registry = try TestRegistry(.postgres)
        let project = Self.name()
        let extra = "registry-password-variable = \"ACME_REGISTRY_PASSWORD\""
        let settings = RegistryTestProject.settings(project: project, registry: registry.setting).replacingOccurrences(of: "[defaults]", with: "\(extra)\n\n[defaults]")
        let runner = try GitProject(files: ["flows/etl.py": RegistryTestProject.flows(1), "acme.toml": settings])
        let wrong = "not-the-password-\(UUID().uuidString)"
        let refused = try runner.acmeScan(["deploy"], environment: ["ACME_REGISTRY_PASSWORD": wrong, "PGPASSWORD": ""])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("registry \(registry.setting): password authentication failed for user \"acme_test\" (the password is read from ACME_REGISTRY_PASSWORD)"),
            "\(refused.stderr)")
        #expect(!(refused.stdout + refused.stderr).contains(wrong))
        let missing = try runner.acmeScan(["deploy"], environment: ["PGPASSWORD": ""])
        #expect(missing.status == 2 && missing.stderr.contains("ACME_REGISTRY_PASSWORD is not set"), "\(missing.stderr)")
        let right = registry.database!.server.password
        let deployed = try runner.acmeScan(["deploy"], environment: ["ACME_REGISTRY_PASSWORD": right, "PGPASSWORD": ""])
        #expect(deployed.status == 0, "\(deployed.stderr)")
        let history = try runner.acmeScan(["history", "--format", "json"], environment: ["ACME_REGISTRY_PASSWORD": right])
        for text in [deployed.stdout, deployed.stderr, history.stdout, history.stderr] { #expect(!text.contains(right)) }
        let everything = try registry.query(sqlite: "", postgres: """
            SELECT string_agg(t::text, ' ') FROM (SELECT e::text AS t FROM acme_scan.event e UNION ALL
            SELECT d::text FROM acme_scan.local_deployment d UNION ALL SELECT h::text FROM acme_scan.lock_holder h) all_rows
            """)
        #expect(everything.contains(project) && !everything.contains(right) && !everything.contains(wrong))
        #expect(!FileManager.default.fileExists(atPath: runner.url.appendingPathComponent(".acme-scan").path),
            "a PostgreSQL registry writes no file into the project")
    }

    /// An unreachable registry stops the deploy before it changes anything, naming it.
    @Test func anUnreachableRegistryRefusesBeforeChangingAnything() throws {
        let port = try TestServers.closedPort()
        let url = "postgresql://acme@127.0.0.1:\(port)/acme?connect_timeout=3"
        let runner = try GitProject(files: ["flows/etl.py": RegistryTestProject.flows(1),
            "acme.toml": RegistryTestProject.settings(project: Self.name(), registry: url)])
        let refused = try runner.acmeScan(["deploy"], environment: ["PGPASSWORD": "whatever-\(port)"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("registry \(url): cannot connect to 127.0.0.1:\(port)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("nothing was changed") && !refused.stderr.contains("whatever-"))
        #expect(refused.stdout.isEmpty)
        for folder in [".acme-scan", "postgresql:"] {
            #expect(!FileManager.default.fileExists(atPath: runner.url.appendingPathComponent(folder).path), "\(folder) was made")
        }
    }

    /// A role that may read but not write the registry refuses before anything changes.
    @Test func aReadOnlyRegistryRefusesBeforeChangingAnything() throws {
        let registry = try TestRegistry(.postgres)
        let database = registry.database!
        let project = Self.name()
        let runner = try GitProject(files: ["flows/etl.py": RegistryTestProject.flows(1),
            "acme.toml": RegistryTestProject.settings(project: project, registry: registry.setting)])
        #expect(try runner.acmeScan(["deploy"], environment: registry.environment).status == 0)
        let reader = "reader_\(database.name)"
        try database.psql("""
            CREATE ROLE \(reader) LOGIN PASSWORD 'reader-pass'; GRANT USAGE ON SCHEMA acme_scan TO \(reader);
            GRANT SELECT ON ALL TABLES IN SCHEMA acme_scan TO \(reader)
            """)
        defer { _ = try? database.psql("DROP OWNED BY \(reader); DROP ROLE \(reader)") }
        try runner.write("acme.toml", RegistryTestProject.settings(project: project,
            registry: registry.setting.replacingOccurrences(of: "acme_test@", with: "\(reader)@")))
        try runner.write("flows/etl.py", RegistryTestProject.flows(1, marker: " (changed)"))
        try runner.commit("changed")
        let refused = try runner.acmeScan(["deploy"], environment: ["PGPASSWORD": "reader-pass"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("cannot write to it: permission denied for table"), "\(refused.stderr)")
        #expect(try registry.liveCommits("dev").count == 1 && (try registry.query(sqlite: "", postgres: "SELECT count(*) FROM acme_scan.event")) == "1",
            "nothing was applied or journaled")
        let plan = try runner.acmeScan(["deploy", "--dry-run"], environment: ["PGPASSWORD": "reader-pass"])
        #expect(plan.status == 0 && plan.stdout.contains("update"), "a dry run only reads: \(plan.stderr)")
    }

    /// `registry import` copies a runner's SQLite journal once; history and rollback then read it.
    @Test func importCopiesAnSQLiteJournalOnce() throws {
        let registry = try TestRegistry(.postgres)
        let project = Self.name()
        let local = RegistryTestProject.settings(project: project, registry: ".acme-scan/registry.sqlite")
        let runner = try GitProject(files: ["flows/etl.py": RegistryTestProject.flows(2), "acme.toml": local])
        let first = try runner.head()
        #expect(try runner.acmeScan(["deploy"]).status == 0)
        try runner.write("flows/etl.py", RegistryTestProject.flows(2, marker: " (second)"))
        try runner.commit("second")
        #expect(try runner.acmeScan(["deploy"]).status == 0)
        try runner.write("acme.toml", RegistryTestProject.settings(project: project, registry: registry.setting))
        try runner.commit("the team's registry")
        let file = ".acme-scan/registry.sqlite"
        let imported = try runner.acmeScan(["registry", "import", file], environment: registry.environment)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "imported 4 of 4 events and 2 of 2 local deployments from \(file) into \(registry.setting)\n", "\(imported.stdout)")
        let again = try runner.acmeScan(["registry", "import", file], environment: registry.environment)
        #expect(again.stdout.hasPrefix("imported 0 of 4 events and 0 of 2 local deployments"), "\(again.stdout)")
        #expect(try registry.query(sqlite: "", postgres: "SELECT count(*) FROM acme_scan.event") == "4")
        let rolled = try runner.acmeScan(["rollback", "flow-1", "--env", "dev"], environment: registry.environment)
        #expect(rolled.status == 0, "\(rolled.stderr)")
        #expect(try registry.query(sqlite: "", postgres: "SELECT \"commit\" FROM acme_scan.local_deployment WHERE flow = 'flow-1'") == first)
        let own = try runner.acmeScan(["registry", "import", "nowhere.sqlite"], environment: registry.environment)
        #expect(own.status == 2 && own.stderr.contains("nowhere.sqlite: no such file"))
    }

    /// libpq's sslmode against the test server (TLS on, with a self-signed certificate).
    @Test func sslModesAreHonoured() throws {
        let registry = try TestRegistry(.postgres)
        let certificate = try #require(registry.database!.server.folder?.appendingPathComponent("ca.crt").path)
        let project = Self.name()
        for (query, works) in [("sslmode=require", true), ("sslmode=disable", true), ("sslmode=verify-full&sslrootcert=\(certificate)", true),
            ("sslmode=verify-ca&sslrootcert=/etc/ssl/certs/ca-certificates.crt", false)]
        {
            let runner = try GitProject(files: ["flows/etl.py": RegistryTestProject.flows(1),
                "acme.toml": RegistryTestProject.settings(project: project, registry: "\(registry.setting)?\(query)")])
            let result = try runner.acmeScan(["deploy", "--dry-run"], environment: registry.environment)
            #expect((result.status == 0) == works, "\(query): \(result.stderr)")
            if !works {
                #expect(result.stderr.contains("registry \(registry.setting)?\(query): cannot connect to 127.0.0.1:\(registry.database!.server.port): the server's certificate is not signed by the roots in /etc/ssl/certs/ca-certificates.crt (sslmode=verify-ca)"),
                    "\(result.stderr)")
            }
        }
    }
}

/// PostgreSQL stopped in the middle of a deploy to Prefect: what was applied is
/// journaled or printed, nothing is applied once the lock may be lost, and a
/// re-run after the restart converges.
@Suite(.enabled(if: TestServers.postgresEnabled && TestServers.prefectEnabled), .serialized)
struct RegistryFaultTests {
    @Test func postgresStoppedMidDeployIsReportedAndARerunConverges() async throws {
        let owned = try OwnedPostgresServer()
        let database = try PostgresTestDatabase(server: owned.server)
        let prefect = try TestServers.prefectURL()
        let client = try PrefectClient(connection: PrefectConnection(apiURL: prefect))
        try await client.createWorkPool(named: "acme-test-pool")
        let proxy = try FaultProxy(upstream: String(prefect.dropLast(4)), faultRate: 0, delayMilliseconds: 300)
        let project = "t-\(UUID().uuidString.prefix(8).lowercased())"
        let runner = try GitProject(files: ["flows/etl.py": RegistryTestProject.flows(24),
            "acme.toml": RegistryTestProject.settings(project: project, registry: database.url, backend: "prefect")])
        let head = try runner.head()
        let password = ["PGPASSWORD": owned.server.password]
        let running = try runner.startAcmeScan(["deploy", "--format", "json"],
            environment: password.merging(["PREFECT_API_URL": proxy.url("/api")]) { _, new in new })
        var journaled = 0
        for _ in 0..<600 where journaled == 0 && running.isRunning {
            journaled = Int((try? database.psql("SELECT count(*) FROM acme_scan.event")) ?? "") ?? 0
            if journaled == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(journaled > 0 && running.isRunning, "the deploy ended before PostgreSQL could be stopped: \(running.stderrSoFar)")
        try owned.stop()
        let first = running.wait()
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stderr.contains("run the command again"), "\(first.stderr)")
        let results = try RegistryTestProject.json(first)["results"]?.arrayValue ?? []
        #expect(results.count == 24, "every deployment is reported: \(first.stdout)")
        let notApplied = results.filter { $0["error"]?.stringValue?.contains("the connection to the registry") == true }
        #expect(!notApplied.isEmpty, "once the lock may be lost nothing more is applied: \(first.stdout)")

        try owned.restart()
        let journal = Set(try database.psql("SELECT deployment FROM acme_scan.event WHERE result = 'created'").split(separator: "\n").map(String.init))
        let printed = Set(results.filter { $0["action"] == "created" }.compactMap { $0["deployment"]?.stringValue })
        let live = try await client.deployments(taggedWithAll: ["PROJECT_NAME=\(project)"])
        #expect(!live.isEmpty)
        for deployment in live {
            #expect(journal.contains(deployment.name) || printed.contains(deployment.name), "\(deployment.name) was applied, but neither journaled nor printed")
        }
        let again = try runner.acmeScan(["deploy", "--format", "json"], environment: password.merging(["PREFECT_API_URL": prefect]) { _, new in new })
        #expect(again.status == 0, "\(again.stderr)")
        let second = try RegistryTestProject.json(again)["results"]?.arrayValue ?? []
        #expect(second.count == 24 && second.allSatisfy { ["created", "unchanged"].contains($0["action"]?.stringValue ?? "") && $0["commit"] == .string(head) })
        #expect(try await client.deployments(taggedWithAll: ["PROJECT_NAME=\(project)"]).count == 24)
    }
}
