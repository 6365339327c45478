import Foundation

/// The real servers integration tests run against, found through the
/// environment that `Tests/servers/with-prefect.sh` sets:
///
/// - `ACME_TEST_PREFECT_URL`: a Prefect server without auth (its API URL);
/// - `ACME_TEST_PREFECT_AUTH_URL` and `ACME_TEST_PREFECT_AUTH_STRING`: one with an auth string.
///
/// Unset, the tests that need them are skipped (`enabled` is false), so a plain
/// `swift test` stays quick, except under `CI=true`, where they run and fail:
/// in CI no integration test may skip.
public enum TestServers {
    public static let prefectURLVariable = "ACME_TEST_PREFECT_URL"
    public static let prefectAuthURLVariable = "ACME_TEST_PREFECT_AUTH_URL"
    public static let prefectAuthStringVariable = "ACME_TEST_PREFECT_AUTH_STRING"

    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    public static var isCI: Bool { environment["CI"] == "true" }

    private static func value(_ name: String) -> String? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        return text
    }

    /// Whether tests needing a Prefect server run (in CI always).
    public static var prefectEnabled: Bool { isCI || value(prefectURLVariable) != nil }
    public static var prefectAuthEnabled: Bool {
        isCI || (value(prefectAuthURLVariable) != nil && value(prefectAuthStringVariable) != nil)
    }

    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    private static func require(_ name: String) throws -> String {
        guard let text = value(name) else {
            throw Missing(description: "\(name) is not set: run the tests through Tests/servers/with-prefect.sh"
                + (isCI ? " (CI=true: integration tests may not skip)" : ""))
        }
        return text
    }

    /// The API URL of the shared server without auth.
    public static func prefectURL() throws -> String { try require(prefectURLVariable) }

    /// The API URL and auth string of the shared server with auth.
    public static func prefectAuthServer() throws -> (url: String, authString: String) {
        (try require(prefectAuthURLVariable), try require(prefectAuthStringVariable))
    }

    public static let serversFolder = Fixtures.repositoryRoot.appendingPathComponent("Tests/servers")

    /// Runs `Tests/servers/<script> arguments...`; its trimmed stdout, or an error with its stderr.
    @discardableResult
    static func runScript(_ script: String, _ arguments: [String]) throws -> String {
        let result = try Run.process("/bin/bash", [serversFolder.appendingPathComponent(script).path] + arguments)
        guard result.status == 0 else {
            throw Missing(description: "\(script) \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A port on 127.0.0.1 that nothing listens on.
    public static func closedPort() throws -> Int {
        let result = try Run.process(Run.python,
            ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        guard let port = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Missing(description: "no free port: \(result.stderr)")
        }
        return port
    }
}

/// Collects log lines from several tasks, e.g. a client's verbose log.
public final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    public init() {}
    public var lines: [String] { lock.withLock { stored } }
    public func append(_ line: String) { lock.withLock { stored.append(line) } }
}

/// A Prefect server of one test's own, for tests that kill or restart it,
/// started through `Tests/servers/prefect.sh` and stopped when released.
public final class OwnedPrefectServer: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let url: String

    /// `database`: a `postgresql+asyncpg://` URL (with its password) for the server's data instead of SQLite.
    public init(authString: String? = nil, database: String? = nil) throws {
        folder = try TemporaryFolder()
        var arguments = ["start", folder.url.path]
        if let authString { arguments += ["--auth", authString] }
        if let database { arguments += ["--database", database] }
        url = try Self.script(arguments)
    }

    /// SIGKILL to the server's process group: no shutdown, connections cut.
    public func kill() throws { _ = try Self.script(["kill", folder.url.path]) }

    /// Starts it again on the same port and home; returns when healthy.
    public func restart() throws { _ = try Self.script(["restart", folder.url.path]) }

    deinit { _ = try? Self.script(["stop", folder.url.path]) }

    @discardableResult
    static func script(_ arguments: [String]) throws -> String { try TestServers.runScript("prefect.sh", arguments) }
}

/// `Tests/servers/fault_proxy.py` in front of a real server, stopped when released.
///
/// It runs detached (`--pid-file`): a long-lived direct child of Foundation's
/// Process inherits the pipes and watch sockets of every process other tests
/// start at the same moment, and holds their ends open.
public final class FaultProxy: @unchecked Sendable {
    private let folder: TemporaryFolder
    private let pid: Int32
    public let port: Int

    /// The proxy's URL for `path` on the upstream server (e.g. `/api`).
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public init(upstream: String, faultRate: Double, faultsPerRequest: Int = 2, delayMilliseconds: Int = 0,
        seed: String = "1") throws
    {
        folder = try TemporaryFolder()
        let portFile = folder.url.appendingPathComponent("port")
        let pidFile = folder.url.appendingPathComponent("pid")
        let log = folder.url.appendingPathComponent("proxy.log").path
        let command = [
            TestServers.serversFolder.appendingPathComponent("fault_proxy.py").path,
            "--upstream", upstream, "--port-file", portFile.path, "--pid-file", pidFile.path,
            "--owner-pid", String(ProcessInfo.processInfo.processIdentifier),
            "--fault-rate", String(faultRate), "--faults-per-request", String(faultsPerRequest),
            "--delay-ms", String(delayMilliseconds), "--seed", seed,
        ].map { "'\($0)'" }.joined(separator: " ")
        let started = try Run.process("/bin/bash", ["-c", "'\(Run.python)' \(command) < /dev/null > /dev/null 2>> '\(log)'"])
        func read(_ file: URL) -> String? {
            (try? String(contentsOf: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard started.status == 0, let port = read(portFile).flatMap({ Int($0) }),
            let pid = read(pidFile).flatMap({ Int32($0) })
        else {
            throw TestServers.Missing(description: "fault_proxy.py did not start: \(started.stderr)")
        }
        self.port = port
        self.pid = pid
    }

    /// The proxy's counts: requests, forwarded, 503, drop-before, drop-after, max_in_flight.
    public func stats() throws -> [String: Int] {
        let result = try Run.process("/usr/bin/curl", ["-sf", "--max-time", "5", url("/__proxy__/stats")])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Int]
        return object ?? [:]
    }

    public var log: String {
        (try? String(contentsOf: folder.url.appendingPathComponent("proxy.log"), encoding: .utf8)) ?? ""
    }

    deinit {
        kill(pid, SIGTERM)
    }
}
