import Foundation

/// The PostgreSQL server the shared-registry tests run against, found through the
/// environment scripts/test.sh sets (`Tests/servers/postgres.sh` starts it):
///
/// - `ACME_TEST_POSTGRES_URL`: `postgresql://acme_test@127.0.0.1:PORT/acme_test`, no password;
/// - `ACME_TEST_POSTGRES_PASSWORD`: the test role's password (it may create databases);
/// - `ACME_TEST_POSTGRES_DIR`: the server's state folder (its `ca.crt`).
///
/// Unset, those tests are skipped, except under `CI=true`, where they fail.
extension TestServers {
    public static let postgresURLVariable = "ACME_TEST_POSTGRES_URL"
    public static let postgresPasswordVariable = "ACME_TEST_POSTGRES_PASSWORD"
    public static let postgresFolderVariable = "ACME_TEST_POSTGRES_DIR"

    public static var postgresEnabled: Bool {
        isCI || (environment[postgresURLVariable].map { !$0.isEmpty } ?? false)
    }

    /// The shared server: its URL (no password), its password and its state folder.
    public static func postgres() throws -> PostgresServer {
        func require(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else {
                throw Missing(description: "\(name) is not set: run the tests through `make test` (scripts/test.sh starts PostgreSQL)"
                    + (isCI ? " (CI=true: integration tests may not skip)" : ""))
            }
            return value
        }
        return PostgresServer(url: try require(postgresURLVariable), password: try require(postgresPasswordVariable),
            folder: environment[postgresFolderVariable].map { URL(fileURLWithPath: $0) })
    }
}

/// A PostgreSQL server and the test role's password.
public struct PostgresServer: Sendable {
    /// `postgresql://acme_test@127.0.0.1:PORT/DATABASE`.
    public let url: String
    public let password: String
    public let folder: URL?

    public var port: Int { URLComponents(string: url)?.port ?? 5432 }

    /// The same server and role, another database.
    public func url(database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs SQL with psql as the test role; returns what it prints (unaligned, tuples only).
    @discardableResult
    public func psql(_ sql: String, database: String? = nil) throws -> String {
        let target = database.map { url(database: $0) } ?? url
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        let result = try Run.process("/usr/bin/env", ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", target, "-c", sql],
            environment: environment)
        guard result.status == 0 else { throw TestServers.Missing(description: "psql \(sql): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A database of one test's own on the shared server, dropped when released: the
/// tests run in parallel, and advisory locks, like tables, belong to a database.
public final class PostgresTestDatabase: @unchecked Sendable {
    public let server: PostgresServer
    public let name: String
    /// The registry URL for acme.toml (no password).
    public var url: String { server.url(database: name) }

    public init(server: PostgresServer? = nil) throws {
        self.server = try server ?? TestServers.postgres()
        name = "acme_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try self.server.psql("CREATE DATABASE \(name)")
    }

    /// Runs SQL in this database.
    @discardableResult
    public func psql(_ sql: String) throws -> String { try server.psql(sql, database: name) }

    deinit { _ = try? server.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
}

/// A PostgreSQL server of one test's own, for tests that stop or kill it,
/// destroyed (data removed) when released.
public final class OwnedPostgresServer: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let server: PostgresServer

    public init() throws {
        folder = try TemporaryFolder()
        let url = try Self.script(["start", folder.url.path])
        let password = try String(contentsOf: folder.url.appendingPathComponent("password"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        server = PostgresServer(url: url, password: password, folder: folder.url)
    }

    /// A fast shutdown: sessions are ended, the server exits.
    public func stop() throws { try Self.script(["stop", folder.url.path]) }
    /// SIGKILL to the server's processes.
    public func kill() throws { try Self.script(["kill", folder.url.path]) }
    /// Starts it again on the same port and data; returns when it accepts logins.
    public func restart() throws { try Self.script(["restart", folder.url.path]) }

    deinit { _ = try? Self.script(["destroy", folder.url.path]) }

    @discardableResult
    static func script(_ arguments: [String]) throws -> String { try TestServers.runScript("postgres.sh", arguments) }
}
