import DeployRegistry
import Foundation
import PrefectAPI
import PythonSyntax
import RESTClient
import Testing
import TestSupport

/// The deployer against real Prefect 3.9.1 servers (Tests/servers/with-prefect.sh
/// starts them; under CI=true these tests never skip): idempotence, promotion
/// with the completed-run gate, faults (503s, dropped connections, the server
/// killed mid-deploy), bad input, and secrets.
@Suite(.enabled(if: TestServers.prefectEnabled), .serialized)
struct PrefectDeployTests {
    /// A project of `flows` Prefect flows on `url`, in dev and prod, with a name of its own
    /// (tests share a server) and a work pool that exists.
    static func project(url: String, flows count: Int = 2, pool: String? = nil, extra: String = "") throws -> (GitProject, String) {
        let name = "t-\(UUID().uuidString.prefix(8).lowercased())"
        var source = "from prefect import flow\n"
        for index in 0..<count {
            source += "\n\n@flow(name=\"flow-\(index)\")\ndef flow_\(index)(limit: int = \(index)):\n    pass\n"
        }
        let settings = """
            project = "\(name)"

            [defaults]
            work-pool = "\(pool ?? "acme-test-pool")"
            tags = ["team-data"]

            [[environments]]
            name = "dev"
            backend = "prefect"
            api-url = "\(url)"

            [[environments]]
            name = "prod"
            backend = "prefect"
            api-url = "\(url)"
            \(extra)
            """
        return (try GitProject(files: ["flows/etl.py": source, "acme.toml": settings]), name)
    }

    static func createPool(_ name: String = "acme-test-pool", url: String, credential: Credential? = nil) async throws {
        let client = try PrefectClient(connection: PrefectConnection(apiURL: url, credential: credential))
        try await client.createWorkPool(named: name)
    }

    static func actions(_ run: ProcessResult) throws -> [String: String] {
        var actions: [String: String] = [:]
        for item in try JSONValue.parse(Array(run.stdout.utf8))["results"]?.arrayValue ?? [] {
            actions[item["deployment"]!.stringValue!] = item["action"]!.stringValue!
        }
        return actions
    }

    static func registry(_ project: GitProject) throws -> SQLiteRegistry {
        try SQLiteRegistry(path: project.url.appendingPathComponent(".acme-scan/registry.sqlite").path)
    }

    @Test func aSecondDeploySendsNothing() async throws {
        let url = try TestServers.prefectURL()
        try await Self.createPool(url: url)
        let (project, _) = try Self.project(url: url, flows: 3)
        let first = try project.acmeScan(["deploy", "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Set(try Self.actions(first).values) == ["created"])
        let second = try project.acmeScan(["deploy", "--format", "json", "--verbose"])
        #expect(second.status == 0)
        #expect(Set(try Self.actions(second).values) == ["unchanged"])
        let requests = second.stderr.split(separator: "\n").filter { $0.contains(" -> ") }
        #expect(!requests.isEmpty, "--verbose logs the requests")
        let writes = requests.filter { !$0.contains("/filter") && !$0.hasPrefix("GET ") }
        #expect(writes.isEmpty, "an unchanged deploy writes nothing: \(writes)")
    }

    /// The requests a deploy answered 2xx, from --verbose's log, as `METHOD /path` (a
    /// retried attempt, answered 503 or lost, is not counted: the server had other clients).
    static func requests(_ run: ProcessResult, url: String) -> [String] {
        run.stderr.split(separator: "\n").compactMap { line -> String? in
            guard let arrow = line.range(of: " -> 2") else { return nil }
            return line[..<arrow.lowerBound].replacingOccurrences(of: url, with: "")
        }
    }

    /// How many requests a 30-flow deploy sends (issue 23: counted, not timed, so a
    /// regression shows): one read of the live deployments, one of the work pool, one
    /// lookup of every flow by name, then per deployment its upsert, plus a create for
    /// a flow the server does not hold yet; nothing is written twice. Onto a second
    /// environment every flow exists: no flow is written. Nothing changed: two reads.
    @Test func aThirtyFlowDeploySendsOneUpsertPerDeploymentAndFlowsOnlyWhenNew() async throws {
        let url = try TestServers.prefectURL()
        try await Self.createPool(url: url)
        let (project, _) = try Self.project(url: url, flows: 30)
        func count(_ requests: [String], _ request: String) -> Int { requests.filter { $0 == request }.count }

        let dev = try project.acmeScan(["deploy", "--format", "json", "--verbose"])
        #expect(dev.status == 0, "\(dev.stderr)")
        #expect(try Self.actions(dev).count == 30 && Set(try Self.actions(dev).values) == ["created"])
        let first = Self.requests(dev, url: url)
        #expect(count(first, "POST /deployments/") == 30)
        #expect(count(first, "POST /flows/") <= 30, "a flow is created at most once")
        #expect(count(first, "POST /flows/filter") == 1 && count(first, "POST /deployments/filter") == 1
            && count(first, "GET /work_pools/acme-test-pool") == 1, "\(first)")
        #expect(first.count <= 63, "\(first.count) requests: \(first)")

        let prod = try project.acmeScan(["deploy", "--env", "prod", "--format", "json", "--verbose"])
        #expect(prod.status == 0, "\(prod.stderr)")
        let second = Self.requests(prod, url: url)
        #expect(count(second, "POST /flows/") == 0, "every flow exists: one filter read finds them all")
        #expect(count(second, "POST /deployments/") == 30)
        #expect(second.count <= 33, "\(second.count) requests: \(second)")

        let again = try project.acmeScan(["deploy", "--format", "json", "--verbose"])
        #expect(again.status == 0)
        #expect(Set(try Self.actions(again).values) == ["unchanged"])
        let unchanged = Self.requests(again, url: url)
        #expect(unchanged.sorted() == ["POST /deployments/filter", "POST /flows/filter"], "\(unchanged)")
    }

    @Test func promoteMovesTheTestedCommitBehindTheGate() async throws {
        let url = try TestServers.prefectURL()
        try await Self.createPool(url: url)
        let (project, name) = try Self.project(url: url, flows: 1, extra: "promote-requires = \"completed-run\"")
        let tested = try project.head()
        #expect(try project.acmeScan(["deploy"]).status == 0)
        try project.write("flows/later.py", "from prefect import flow\n\n@flow\ndef later():\n    pass\n")
        try project.commit("HEAD moves on")
        let refused = try project.acmeScan(["promote", "--to", "prod"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("promote-requires = \"completed-run\" refuses: \(name)--main--flow-0--dev: no completed run of main-\(tested.prefix(7)) in 'dev'"),
            "\(refused.stderr)")
        let client = try PrefectClient(connection: PrefectConnection(apiURL: url))
        let dev = try #require(try await client.deployment(flowName: "flow-0", deploymentName: "\(name)--main--flow-0--dev"))
        let run = try await client.rest.json(RESTRequest(.POST, "/deployments/\(dev.id)/create_flow_run", body: [:]))
        let runID = try #require(run["id"]?.stringValue)
        for state in ["RUNNING", "COMPLETED"] {
            _ = try await client.rest.send(RESTRequest(.POST, "/flow_runs/\(runID)/set_state", body: ["state": ["type": .string(state)], "force": true]))
        }
        let promoted = try project.acmeScan(["promote", "--to", "prod", "--format", "json"])
        #expect(promoted.status == 0, "\(promoted.stderr)")
        #expect(try Self.actions(promoted) == ["\(name)--main--flow-0--prod": "created"])
        let prod = try #require(try await client.deployment(flowName: "flow-0", deploymentName: "\(name)--main--flow-0--prod"))
        #expect(prod.tags.contains("ACME_COMMIT=\(tested)") && prod.version == "main-\(tested.prefix(7))")
        #expect(prod.pullSteps == dev.pullSteps && prod.parameterOpenAPISchema == dev.parameterOpenAPISchema)
        let matrix = try JSONValue.parse(Array(try project.acmeScan(["deployments", "--format", "json"]).stdout.utf8))
        #expect(matrix["deployments"]?.arrayValue?.count == 2)
        #expect(matrix["deployments"]?.arrayValue?.allSatisfy { $0["drift"] == .array([]) } == true)
    }

    @Test func aChangeByHandOnTheServerIsDrift() async throws {
        let url = try TestServers.prefectURL()
        try await Self.createPool(url: url)
        let (project, name) = try Self.project(url: url, flows: 1)
        #expect(try project.acmeScan(["deploy"]).status == 0)
        let client = try PrefectClient(connection: PrefectConnection(apiURL: url))
        let dev = try #require(try await client.deployment(flowName: "flow-0", deploymentName: "\(name)--main--flow-0--dev"))
        _ = try await client.rest.send(RESTRequest(.PATCH, "/deployments/\(dev.id)", body: ["parameters": ["limit": 99]]), accepting: [204])
        let matrix = try JSONValue.parse(Array(try project.acmeScan(["deployments", "--format", "json"]).stdout.utf8))
        #expect(matrix["deployments"]?.arrayValue?.first?["drift"] == ["changed by hand: parameters"])
        let plan = try project.acmeScan(["deploy", "--dry-run"])
        #expect(plan.stdout.contains("parameters: {\"limit\":99} -> {}"), "\(plan.stdout)")
        #expect(try project.acmeScan(["deploy"]).status == 0)
        #expect(try await client.deployment(flowName: "flow-0", deploymentName: "\(name)--main--flow-0--dev")?.parameters == [:])
    }

    @Test func pruneDeletesOnlyThisProjectsOrphans() async throws {
        let url = try TestServers.prefectURL()
        try await Self.createPool(url: url)
        let (mine, name) = try Self.project(url: url, flows: 2)
        let (theirs, other) = try Self.project(url: url, flows: 2)
        #expect(try mine.acmeScan(["deploy"]).status == 0)
        #expect(try theirs.acmeScan(["deploy"]).status == 0)
        try mine.write("flows/etl.py", "from prefect import flow\n\n\n@flow(name=\"flow-0\")\ndef flow_0(limit: int = 0):\n    pass\n")
        try mine.commit("flow-1 is gone")
        let plan = try mine.acmeScan(["deploy", "--prune", "--dry-run"])
        #expect(plan.stdout.contains("delete    dev  \(name)--main--flow-1--dev"))
        let pruned = try mine.acmeScan(["deploy", "--prune", "--format", "json"])
        #expect(try Self.actions(pruned)["\(name)--main--flow-1--dev"] == "deleted")
        let client = try PrefectClient(connection: PrefectConnection(apiURL: url))
        #expect(try await client.deployment(flowName: "flow-1", deploymentName: "\(other)--main--flow-1--dev") != nil,
            "another project's deployment of the same flow is not this project's orphan")
        #expect(try await client.deployment(flowName: "flow-1", deploymentName: "\(name)--main--flow-1--dev") == nil)
    }

    @Test func deployConvergesThroughA503sAndDroppedConnections() async throws {
        let url = try TestServers.prefectURL()
        try await Self.createPool(url: url)
        let proxy = try FaultProxy(upstream: String(url.dropLast(4)), faultRate: 0.5, faultsPerRequest: 2)
        let (project, _) = try Self.project(url: proxy.url("/api"), flows: 8)
        let run = try project.acmeScan(["deploy", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let actions = try Self.actions(run)
        #expect(Set(actions.values) == ["created"] && actions.count == 8)
        let stats = try proxy.stats()
        #expect((stats["503"] ?? 0) > 0 && (stats["drop-before"] ?? 0) > 0 && (stats["drop-after"] ?? 0) > 0, "\(stats)")
        let again = try project.acmeScan(["deploy", "--format", "json"])
        #expect(Set(try Self.actions(again).values) == ["unchanged"], "a dropped-after upsert was applied once, not twice")
    }

    /// The server killed (SIGKILL) in the middle of a deploy, and of a promotion, then
    /// restarted: the first run says which deployments failed and exits 1; the re-run
    /// converges; the journal holds both runs.
    @Test func aServerKilledMidwayLeavesAStateARerunConvergesFrom() async throws {
        let server = try OwnedPrefectServer()
        try await Self.createPool(url: server.url)
        // Slowed down by a proxy, so that the kill lands in the middle.
        let proxy = try FaultProxy(upstream: String(server.url.dropLast(4)), faultRate: 0, delayMilliseconds: 150)
        let (project, _) = try Self.project(url: proxy.url("/api"), flows: 24)
        for command in [["deploy", "--format", "json"], ["promote", "--to", "prod", "--format", "json"]] {
            let started = Date()
            nonisolated(unsafe) var first: ProcessResult?
            let running = Thread { first = try? project.acmeScan(command) }
            running.start()
            // Kill it once some deployments are through: the journal records each as it comes.
            let environment = command[0] == "deploy" ? "dev" : "prod"
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, !running.isFinished,
                (try? Self.registry(project).events(environment: environment).count) ?? 0 < 3
            {
                try await Task.sleep(for: .milliseconds(50))
            }
            try server.kill()
            while !running.isFinished { try await Task.sleep(for: .milliseconds(100)) }
            let interrupted = try #require(first)
            #expect(interrupted.status == 1, "\(command[0]): \(interrupted.stderr)")
            let actions = try Self.actions(interrupted)
            #expect(actions.values.contains("failed") && actions.values.contains("created"), "\(command[0]): \(actions)")
            #expect(interrupted.stderr.contains("failed in '") && interrupted.stderr.contains("run the command again to converge"))
            #expect(Date().timeIntervalSince(started) < 120, "a dead server costs a bounded time")
            try server.restart()
            let rerun = try project.acmeScan(command)
            #expect(rerun.status == 0, "\(command[0]) again: \(rerun.stderr)")
            let converged = try Self.actions(rerun)
            #expect(converged.count == 24 && !converged.values.contains("failed"))
            for (deployment, action) in actions where action == "created" {
                #expect(converged[deployment] == "unchanged", "\(deployment) was applied by the first run")
            }
            let events = try Self.registry(project).events(environment: environment)
            #expect(Set(events.map(\.run)).count == 2, "the journal shows both runs")
            #expect(events.filter { $0.result == "failed" }.count == actions.values.filter { $0 == "failed" }.count)
        }
    }

    @Test func badInputGetsOneClearLine() async throws {
        let url = try TestServers.prefectURL()
        let closed = "http://127.0.0.1:\(try TestServers.closedPort())/api"
        let (unreachable, _) = try Self.project(url: closed, flows: 1)
        let down = try unreachable.acmeScan(["deploy"])
        #expect(down.status == 1)
        let lines = down.stderr.split(separator: "\n").filter { $0.hasPrefix("acme-scan:") && !$0.contains("warning") }
        #expect(lines.count == 1 && lines[0].contains("cannot reach") && lines[0].contains(closed), "\(down.stderr)")
        let pool = "missing-\(UUID().uuidString.prefix(6).lowercased())"
        let (noPool, _) = try Self.project(url: url, flows: 1, pool: pool)
        let missing = try noPool.acmeScan(["deploy"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("work pool \"\(pool)\" does not exist") && missing.stderr.contains("prefect work-pool create '\(pool)'"))
        // A pool with Prefect's process template checks job variables: the server's field message comes through.
        let strict = "strict-\(UUID().uuidString.prefix(6).lowercased())"
        let venv = try Run.process("/bin/bash", [Fixtures.repositoryRoot.appendingPathComponent("scripts/prefect-venv.sh").path])
        let prefect = venv.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "/bin/prefect"
        let created = try Run.process(prefect, ["work-pool", "create", strict, "--type", "process"],
            environment: ["PREFECT_API_URL": url, "PREFECT_HOME": NSTemporaryDirectory() + "prefect-cli-\(strict)",
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"])
        #expect(created.status == 0, "\(created.stdout)\(created.stderr)")
        let (invalid, _) = try Self.project(url: url, flows: 1, pool: strict, extra: "job-variables = { stream_output = \"maybe\" }")
        let rejected = try invalid.acmeScan(["deploy", "--env", "prod", "--format", "json"])
        #expect(rejected.status == 1)
        let error = try JSONValue.parse(Array(rejected.stdout.utf8))["results"]?.arrayValue?.first?["error"]?.stringValue ?? ""
        #expect(error.contains("422") && error.contains("stream_output"), "\(error)")
        let (notATable, _) = try Self.project(url: url, flows: 1, extra: "job-variables = { env = \"notadict\" }")
        let refused = try notATable.acmeScan(["deploy", "--env", "prod"])
        #expect(refused.status == 2 && refused.stderr.contains("job-variables.env of flow 'flow-0' in 'prod' must be a table"))
    }

    @Test(.enabled(if: TestServers.prefectAuthEnabled))
    func aWrongCredentialNamesTheVariableNeverTheValue() async throws {
        let (url, _) = try TestServers.prefectAuthServer()
        let (project, _) = try Self.project(url: url, flows: 1)
        let wrong = "intruder:not-the-password-\(UUID().uuidString.prefix(6))"
        let refused = try project.acmeScan(["deploy", "--verbose"], environment: ["PREFECT_API_AUTH_STRING": wrong])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("401") && refused.stderr.contains("PREFECT_API_AUTH_STRING"), "\(refused.stderr)")
        for secret in [wrong, Data(wrong.utf8).base64EncodedString(), String(wrong.split(separator: ":")[1])] {
            #expect(!refused.stderr.contains(secret) && !refused.stdout.contains(secret))
        }
        let none = try project.acmeScan(["deploy"], environment: ["PREFECT_API_AUTH_STRING": ""])
        #expect(none.status == 1 && none.stderr.contains("set PREFECT_API_AUTH_STRING"), "\(none.stderr)")
    }

    /// With auth on, the credential appears in no output, log, registry, manifest or generated file.
    @Test(.enabled(if: TestServers.prefectAuthEnabled))
    func theCredentialIsNeverWrittenAnywhere() async throws {
        let (url, authString) = try TestServers.prefectAuthServer()
        try await Self.createPool(url: url, credential: .basic(authString, from: "test"))
        let (project, _) = try Self.project(url: url, flows: 2, extra: "auth-string-variable = \"ACME_PROD_PREFECT_AUTH\"")
        let credentials = ["PREFECT_API_AUTH_STRING": authString, "ACME_PROD_PREFECT_AUTH": authString]
        var outputs: [String] = []
        for command in [["deploy", "--verbose"], ["deploy", "--verbose", "--format", "json"], ["promote", "--to", "prod", "--verbose"],
            ["deployments", "--verbose", "--format", "json"], ["history", "--format", "json"], ["scan"], ["generate"],
            ["deploy", "--env", "prod", "--verbose", "--dry-run"]]
        {
            let run = try project.acmeScan(command, environment: credentials)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            outputs += [run.stdout, run.stderr]
        }
        #expect(outputs.joined().contains("POST \(url)/deployments/filter"), "the verbose log is there")
        let unset = try project.acmeScan(["deploy", "--env", "prod"], environment: ["PREFECT_API_AUTH_STRING": authString])
        #expect(unset.status == 2 && unset.stderr.contains("takes its credential from ACME_PROD_PREFECT_AUTH, which is not set"))
        var files = ""
        for path in [".acme-scan/registry.sqlite", ".acme-scan/registry.sqlite-wal", "flows.json", "prefect.yaml"] {
            if let data = FileManager.default.contents(atPath: project.url.appendingPathComponent(path).path) {
                files += String(decoding: data, as: UTF8.self)
            }
        }
        #expect(files.contains("ACME_COMMIT="), "the files were read")
        let password = String(authString.split(separator: ":")[1])
        for secret in [authString, Data(authString.utf8).base64EncodedString(), password] {
            #expect(!outputs.joined().contains(secret), "the credential leaked into output")
            #expect(!files.contains(secret), "the credential leaked into a file")
        }
    }
}
