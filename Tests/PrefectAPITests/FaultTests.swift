import Foundation
import PrefectAPI
import PythonSyntax
import RESTClient
import Testing
import TestSupport

/// Real faults: a proxy that answers 503 and drops connections in front of a
/// real server, a server killed with SIGKILL in the middle of a batch.
@Suite(.enabled(if: TestServers.prefectEnabled), .timeLimit(.minutes(3))) struct FaultTests {
    @Test func aBatchConvergesThrough503sAndDroppedConnections() async throws {
        let serverURL = try TestServers.prefectURL()
        let proxy = try FaultProxy(upstream: serverRoot(serverURL), faultRate: 0.5, faultsPerRequest: 2)
        let log = LogLines()
        let client = try prefectClient(url: proxy.url("/api"), writesWith: serverURL, logger: log.append)
        let direct = try prefectClient()
        let tag = unique("faults")
        let flowName = unique("flow")
        let flowID = try await client.flowID(named: flowName)
        let bodies = (0..<16).map {
            PrefectDeploymentBody(name: "d\($0)", flowID: flowID, version: "v\($0)", tags: [tag],
                schedules: [PrefectSchedule(.cron("0 \($0) * * *", dayOr: nil))])
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for body in bodies {
                group.addTask {
                    _ = try await client.upsert(body)
                    let live = try #require(try await client.deployment(flowName: flowName, deploymentName: body.name))
                    #expect(changes(from: live, to: body) == [])
                }
            }
            try await group.waitForAll()
        }
        // Read past the proxy: exactly the 16 deployments, though some upserts
        // reached the server twice (their first answer was cut off).
        let stored = try await direct.deployments(taggedWithAll: [tag])
        #expect(stored.map(\.name).sorted() == bodies.map(\.name).sorted())
        for body in bodies {
            let live = try #require(stored.first { $0.name == body.name })
            #expect(changes(from: live, to: body) == [])
        }
        let stats = try proxy.stats()
        #expect(stats["503", default: 0] >= 2, "\(stats)")
        #expect(stats["drop-before", default: 0] >= 2, "\(stats)")
        #expect(stats["drop-after", default: 0] >= 2, "\(stats)")
        #expect(log.lines.contains { $0.contains("retrying after 503") })
        #expect(log.lines.contains { $0.contains("retrying after the server closed the connection") })
        #expect(log.lines.contains { $0.contains("retrying after the connection closed in the middle of the response") })
    }

    @Test func aServerKilledDuringABatchFailsEachRequestWithoutHanging() async throws {
        let server = try OwnedPrefectServer()
        // A short retry budget: a killed server stays dead, and each request must say so soon.
        var configuration = PrefectClient.defaultConfiguration
        configuration.retry = RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(100), budget: .seconds(2))
        configuration.requestTimeout = .seconds(5)
        let client = try prefectClient(url: server.url, configuration: configuration)
        let flowName = unique("flow")
        let flowID = try await client.flowID(named: flowName)
        let completed = Counter()
        let started = ContinuousClock.now
        let outcomes = try await withThrowingTaskGroup(of: Result<String, PrefectAPIError>?.self) { group in
            for index in 0..<40 {
                group.addTask {
                    // Paced, so the batch is still running when the server dies.
                    try await Task.sleep(for: .milliseconds(60 * index))
                    do throws(PrefectAPIError) {
                        let id = try await client.upsert(PrefectDeploymentBody(name: "d\(index)", flowID: flowID)).id
                        await completed.increment()
                        return .success(id)
                    } catch {
                        return .failure(error)
                    }
                }
            }
            group.addTask {
                while await completed.value < 5 { try await Task.sleep(for: .milliseconds(20)) }
                try server.kill()
                return nil
            }
            var outcomes: [Result<String, PrefectAPIError>] = []
            for try await outcome in group { if let outcome { outcomes.append(outcome) } }
            return outcomes
        }
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(outcomes.count == 40)
        let failures = outcomes.compactMap { if case .failure(let error) = $0 { return error } else { return nil } }
        #expect(outcomes.count - failures.count >= 5)
        #expect(failures.count >= 20)
        for failure in failures {
            guard case .request(let error) = failure else { Issue.record("\(failure)"); continue }
            switch error.kind {
            case .unreachable, .timedOut: break
            default: Issue.record("\(error)")
            }
            #expect(error.description.contains("\(server.url)/deployments/"), "\(error)")
        }
        #expect(failures.contains { "\($0)".hasSuffix(": connection refused (3 attempts)") })

        // Back on the same port with the same database: the same client
        // recovers (its pooled connections died with the server).
        try server.restart()
        let stored = try await client.deployment(flowName: flowName, deploymentName: "d0")
        #expect(stored != nil)
        _ = try await client.upsert(PrefectDeploymentBody(name: "after-restart", flowID: flowID))
    }
}

@Suite(.enabled(if: TestServers.prefectEnabled)) struct ConcurrencyTests {
    @Test func fiftyRequestsNeverHaveMoreThanTheLimitInFlight() async throws {
        // The proxy holds each request 100 ms and counts how many it holds at
        // once. Reads, so that the server's one-writer-at-a-time SQLite (503s)
        // does not blur what is measured: the client's own limit.
        let serverURL = try TestServers.prefectURL()
        let proxy = try FaultProxy(upstream: serverRoot(serverURL), faultRate: 0, delayMilliseconds: 100)
        let direct = try prefectClient()
        let flowName = unique("flow")
        let flowID = try await direct.flowID(named: flowName)
        for index in 0..<5 { _ = try await direct.upsert(PrefectDeploymentBody(name: "d\(index)", flowID: flowID)) }
        let limit = 4
        let client = try prefectClient(url: proxy.url("/api"),
            configuration: RESTClientConfiguration(maximumRequestsInFlight: limit))
        let found = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<50 {
                group.addTask { try await client.deployment(flowName: flowName, deploymentName: "d\(index % 5)") != nil }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(found == 50)
        let stats = try proxy.stats()
        #expect(stats["forwarded"] == 50, "\(stats)")
        #expect(stats["max_in_flight"] == limit, "\(stats)")
    }

    @Test func theDefaultSendsOneWriteAtATimeToAServer() async throws {
        let serverURL = try TestServers.prefectURL()
        let proxy = try FaultProxy(upstream: serverRoot(serverURL), faultRate: 0, delayMilliseconds: 50)
        let client = try prefectClient(url: proxy.url("/api"), writesWith: serverURL)
        let flowID = try await client.flowID(named: unique("flow"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                group.addTask { _ = try await client.upsert(PrefectDeploymentBody(name: "d\(index)", flowID: flowID)) }
            }
            try await group.waitForAll()
        }
        #expect(try proxy.stats()["max_in_flight"] == 1)
    }
}

actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}
