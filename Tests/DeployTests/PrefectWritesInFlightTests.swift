import Foundation
import PythonSyntax
import Testing
import TestSupport

/// `writes-in-flight`: a Prefect server whose database is PostgreSQL takes writes at once
/// (bench/prefect_writes.py: no 503, nothing lost); one on SQLite, one at a time. A real
/// Prefect 3.9.1 on the test PostgreSQL, behind a proxy that holds each request 50 ms and
/// counts how many it holds at once.
@Suite(.enabled(if: TestServers.prefectEnabled && TestServers.postgresEnabled), .serialized)
struct PrefectWritesInFlightTests {
    @Test func anEnvironmentSendsAsManyWritesAtOnceAsItAllows() async throws {
        let database = try PostgresTestDatabase()
        // The test role's URL, with its password, for Prefect's asyncpg driver.
        let user = try #require(URLComponents(string: database.url)?.user)
        let server = try OwnedPrefectServer(
            database: "postgresql+asyncpg://\(user):\(database.server.password)@127.0.0.1:\(database.server.port)/\(database.name)")
        defer { withExtendedLifetime((server, database)) {} }  // the server stops before its database is dropped
        try await PrefectDeployTests.createPool(url: server.url)
        let upstream = String(server.url.dropLast(4))
        let (devProxy, prodProxy) = (try FaultProxy(upstream: upstream, faultRate: 0, delayMilliseconds: 50),
            try FaultProxy(upstream: upstream, faultRate: 0, delayMilliseconds: 50))
        var source = "from prefect import flow\n"
        for index in 0..<12 { source += "\n\n@flow(name=\"flow-\(index)\")\ndef flow_\(index)():\n    pass\n" }
        let project = try GitProject(files: ["flows/etl.py": source, "acme.toml": """
            project = "writes"

            [defaults]
            work-pool = "acme-test-pool"

            [[environments]]
            name = "dev"
            backend = "prefect"
            api-url = "\(devProxy.url("/api"))"
            writes-in-flight = 4

            [[environments]]
            name = "prod"
            backend = "prefect"
            api-url = "\(prodProxy.url("/api"))"
            """])
        let deployed = try project.acmeScan(["deploy", "--format", "json"])
        #expect(deployed.status == 0, "\(deployed.stderr)")
        #expect(try PrefectDeployTests.actions(deployed).count == 12)
        #expect(Set(try PrefectDeployTests.actions(deployed).values) == ["created"])
        // Every write of the 12 deployments (a flow, then its deployment) went 4 at a time.
        let devStats = try devProxy.stats()
        #expect(devStats["max_in_flight"] == 4, "\(devStats)")
        // What the server holds is what was sent: nothing to send again.
        let again = try project.acmeScan(["deploy", "--format", "json"])
        #expect(Set(try PrefectDeployTests.actions(again).values) == ["unchanged"], "\(again.stdout)")

        // prod keeps the default: one write at a time.
        let promoted = try project.acmeScan(["promote", "--to", "prod", "--format", "json"])
        #expect(promoted.status == 0, "\(promoted.stderr)")
        #expect(Set(try PrefectDeployTests.actions(promoted).values) == ["created"])
        let prodStats = try prodProxy.stats()
        #expect(prodStats["max_in_flight"] == 1, "\(prodStats)")
    }

    @Test func writesInFlightTakesOnlyTheMeasuredValues() throws {
        let project = try GitProject(files: ["flows/etl.py": "from prefect import flow\n\n@flow\ndef etl():\n    pass\n",
            "acme.toml": """
            project = "writes"

            [defaults]
            work-pool = "pool"

            [[environments]]
            name = "dev"
            backend = "prefect"
            api-url = "http://127.0.0.1:1/api"
            writes-in-flight = 3
            """])
        let refused = try project.acmeScan(["deploy", "--dry-run"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("acme.toml:10"), "\(refused.stderr)")
        #expect(refused.stderr.contains("writes-in-flight"), "\(refused.stderr)")
    }
}
