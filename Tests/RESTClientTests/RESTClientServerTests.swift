import Foundation
import PythonSyntax
import Testing
import TestSupport

@testable import RESTClient

@Suite struct UnreachableServerTests {
    @Test func aClosedPortIsOneLineNamingTheURLAfterBoundedRetries() async throws {
        let url = "http://127.0.0.1:\(try TestServers.closedPort())/api"
        let log = LogLines()
        let policy = RetryPolicy(maximumAttempts: 4, initialDelay: .milliseconds(100))
        let client = try RESTClient(baseURL: url, configuration: RESTClientConfiguration(retry: policy),
            logger: log.append)
        do {
            _ = try await client.send(RESTRequest(.GET, "/admin/version"))
            Issue.record("a closed port answered")
        } catch {
            guard case .unreachable(let reason) = error.kind else { Issue.record("\(error)"); return }
            #expect(reason == "connection refused")
            #expect(error.attempts == 4)
            #expect(error.description == "cannot reach GET \(url)/admin/version: connection refused (4 attempts)")
            #expect(!error.description.contains("\n"))
        }
        // Four attempts, three waits of full jitter under 0.1, 0.2 and 0.4 s. The
        // waits are read from the log, not a clock: a loaded machine stretches
        // wall time but cannot change what the policy chose.
        let retries = log.lines.filter { $0.contains("retrying after connection refused") }
        #expect(retries.count == 3)
        let waits = retries.compactMap { line -> Double? in
            guard let range = line.range(of: #"in ([0-9.]+) s"#, options: .regularExpression) else { return nil }
            return Double(line[range].dropFirst(3).dropLast(2))
        }
        #expect(waits.count == 3)
        for (wait, ceiling) in zip(waits, [0.1, 0.2, 0.4]) { #expect(wait <= ceiling) }
    }

    @Test func theDefaultPolicyGivesUpWithinItsBudget() {
        // The longest the default policy can wait in all: every backoff at its ceiling.
        let policy = RetryPolicy()
        let worst = (1..<policy.maximumAttempts).reduce(Duration.zero) { $0 + policy.backoff(beforeRetry: $1, unit: 1) }
        #expect(worst == .milliseconds(17_750))
        #expect(worst <= policy.budget)
    }
}

@Suite(.enabled(if: TestServers.prefectEnabled)) struct RESTClientServerTests {
    /// What these tests assert is the answer, one attempt each, not its speed. The shared server
    /// answers every suite of the run at once, and once took over 30 s (the default timeout) to
    /// answer at its start (CI run of 29f25c7: a timed-out first attempt, then a retry).
    static let patient = RESTClientConfiguration(requestTimeout: .seconds(180))

    @Test func aWrongTrailingSlashIsARedirectNotFollowed() async throws {
        let client = try RESTClient(baseURL: try TestServers.prefectURL(), configuration: Self.patient)
        do {
            _ = try await client.send(RESTRequest(.POST, "/flows", body: ["name": "redirected"]))
            Issue.record("the redirect was followed")
        } catch {
            #expect(error.status == 307)
            #expect(error.attempts == 1)
            #expect(error.description.contains("answered 307: a redirect to"))
            #expect(error.description.contains("/api/flows/, not followed: the path must be exact"))
        }
    }

    @Test func aClientErrorIsNotRetried() async throws {
        let client = try RESTClient(baseURL: try TestServers.prefectURL(), configuration: Self.patient)
        do {
            _ = try await client.send(RESTRequest(.GET, "/deployments/name/no-such-flow/no-such-deployment"))
            Issue.record("a missing deployment was found")
        } catch {
            #expect(error.status == 404)
            #expect(error.attempts == 1)
            #expect(error.description.hasSuffix("/api/deployments/name/no-such-flow/no-such-deployment answered 404: Deployment not found"))
        }
    }

    @Test func retryAfterIsHonouredInSecondsAndAsAnHTTPDate() async throws {
        // Every request is faulted once, the faults taking turns: 503 with
        // "Retry-After: 1", a dropped connection, a cut response, then 503
        // with an HTTP-date two seconds ahead.
        let proxy = try FaultProxy(upstream: String(try TestServers.prefectURL().dropLast(4)), faultRate: 1,
            faultsPerRequest: 1)
        let log = LogLines()
        let client = try RESTClient(baseURL: proxy.url("/api"), configuration: Self.patient, logger: log.append)
        for path in ["/health", "/ready", "/admin/version", "/health?again"] {
            let started = ContinuousClock.now
            let response = try await client.send(RESTRequest(.GET, path))
            #expect(response.attempts == 2)
            if path == "/health" || path == "/health?again" {
                #expect(ContinuousClock.now - started >= .milliseconds(950), "\(path) did not wait for Retry-After")
            }
        }
        let waits = log.lines.filter { $0.contains("retrying after 503 in") }
        #expect(waits.count == 2)
        #expect(waits.first?.contains("in 1.00 s") == true)
        let stats = try proxy.stats()
        #expect(stats["503"] == 2 && stats["drop-before"] == 1 && stats["drop-after"] == 1)
    }

    @Test func aPOSTNotMarkedIdempotentIsNotRetriedWhenItMayHaveBeenSent() async throws {
        let proxy = try FaultProxy(upstream: String(try TestServers.prefectURL().dropLast(4)), faultRate: 1,
            faultsPerRequest: 1)
        let client = try RESTClient(baseURL: proxy.url("/api"), configuration: Self.patient)
        // First fault (503): the server did not act, so even a plain POST is retried.
        let first = try await client.send(RESTRequest(.POST, "/flows/", body: ["name": "not-idempotent-a"]))
        #expect(first.attempts == 2)
        // Second fault (connection closed without an answer): the POST may have
        // been applied, and nothing said it is safe to repeat.
        do {
            _ = try await client.send(RESTRequest(.POST, "/flows/", body: ["name": "not-idempotent-b"]))
            Issue.record("the POST was retried")
        } catch {
            guard case .unreachable = error.kind else { Issue.record("\(error)"); return }
            #expect(error.attempts == 1)
        }
    }

    @Test func aSlowServerTimesOutWithinTheRequestTimeout() async throws {
        let proxy = try FaultProxy(upstream: String(try TestServers.prefectURL().dropLast(4)), faultRate: 0,
            delayMilliseconds: 3000)
        let configuration = RESTClientConfiguration(requestTimeout: .milliseconds(500),
            retry: RetryPolicy(maximumAttempts: 2, initialDelay: .milliseconds(100)))
        let client = try RESTClient(baseURL: proxy.url("/api"), configuration: configuration)
        do {
            _ = try await client.send(RESTRequest(.GET, "/admin/version"))
            Issue.record("a 3 s answer beat a 0.5 s timeout")
        } catch {
            #expect(error.kind == .timedOut)
            #expect(error.attempts == 2)
            #expect(error.description.hasPrefix("no answer from GET \(proxy.url("/api/admin/version")) within the request timeout"))
        }
        // No wall-clock bound: the proxy would have answered after 3 s, so a
        // timed-out error on both attempts is the proof the timeout fired.
    }

    @Test func requestsInFlightNeverExceedTheLimit() async throws {
        // The proxy holds every request 150 ms and counts how many it holds at once.
        let proxy = try FaultProxy(upstream: String(try TestServers.prefectURL().dropLast(4)), faultRate: 0,
            delayMilliseconds: 150)
        let limit = 3
        let client = try RESTClient(baseURL: proxy.url("/api"),
            configuration: RESTClientConfiguration(maximumRequestsInFlight: limit))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<30 {
                group.addTask { _ = try await client.send(RESTRequest(.GET, "/admin/version?n=\(index)")) }
            }
            try await group.waitForAll()
        }
        let stats = try proxy.stats()
        #expect(stats["forwarded"] == 30)
        #expect(stats["max_in_flight"] == limit)
    }
}
