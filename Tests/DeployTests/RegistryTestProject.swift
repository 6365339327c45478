import Foundation
import PythonSyntax
import TestSupport

/// Where a test's registry is: a PostgreSQL database of its own on the test
/// server, or an SQLite file outside the clones (so that runners on one machine share it).
enum RegistryKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }
}

/// A registry for one test, and what acme-scan needs to reach it.
final class TestRegistry: @unchecked Sendable {
    let kind: RegistryKind
    let database: PostgresTestDatabase?
    private let folder: TemporaryFolder

    init(_ kind: RegistryKind) throws {
        self.kind = kind
        folder = try TemporaryFolder()
        database = kind == .postgres ? try PostgresTestDatabase() : nil
    }

    /// The value of `registry` in acme.toml.
    var setting: String { database?.url ?? folder.url.appendingPathComponent("shared.sqlite").path }

    /// The variables acme-scan runs with (the password, for PostgreSQL).
    var environment: [String: String] { database.map { ["PGPASSWORD": $0.server.password] } ?? [:] }

    /// A query on the registry's tables, whichever kind: `sqlite` names SQLite's, `postgres` PostgreSQL's.
    func query(sqlite: String, postgres: String) throws -> String {
        if let database { return try database.psql(postgres) }
        let result = try Run.process("/usr/bin/env", ["sqlite3", setting, sqlite])
        guard result.status == 0 else { throw TestFailure( "sqlite3: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The commits the local deployments of `environment` are at, one line each, sorted and unique.
    func liveCommits(_ environment: String) throws -> Set<String> {
        let text = try query(sqlite: "SELECT DISTINCT \"commit\" FROM localDeployment WHERE environment = '\(environment)'",
            postgres: "SELECT DISTINCT \"commit\" FROM acme_scan.local_deployment WHERE environment = '\(environment)'")
        return Set(text.split(separator: "\n").map(String.init))
    }

    /// Whether some run holds the lock of `environment` now, as the registry shows it.
    func lockHolder(project: String, environment: String) throws -> String? {
        if database != nil {
            let text = try query(sqlite: "", postgres: """
                SELECT holder FROM acme_scan.lock_holder WHERE project = '\(project)' AND environment = '\(environment)'
                AND backend_pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)
                """)
            return text.isEmpty ? nil : text
        }
        let file = folder.url.appendingPathComponent("shared.sqlite.locks/\(project)@\(environment).lock")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.isEmpty ? nil : text
    }
}

enum RegistryTestProject {
    /// `count` Prefect flows named flow-0..., so a release touches many deployments.
    static func flows(_ count: Int, marker: String = "") -> String {
        var source = "from prefect import flow\n"
        for index in 0..<count {
            source += "\n\n@flow(name=\"flow-\(index)\")\ndef flow_\(index)(limit: int = \(index)):\n    \"\"\"Flow \(index)\(marker).\"\"\"\n"
        }
        return source
    }

    /// acme.toml for `project` with its registry, and a dev environment on `backend` (`extra` goes into it).
    static func settings(project: String, registry: String, backend: String = "local", extra: String = "") -> String {
        """
        project = "\(project)"
        registry = "\(registry)"

        [defaults]
        work-pool = "acme-test-pool"

        [[environments]]
        name = "dev"
        backend = "\(backend)"
        \(extra)

        [[environments]]
        name = "tst"
        backend = "\(backend)"
        \(extra)
        """
    }

    /// A bare repository with one commit of the project, which runners clone.
    static func origin(project: String, registry: String, flows count: Int, backend: String = "local", extra: String = "")
        throws -> (origin: TemporaryFolder, seed: GitProject)
    {
        let seed = try GitProject(files: ["flows/etl.py": flows(count),
            "acme.toml": settings(project: project, registry: registry, backend: backend, extra: extra)])
        let origin = try TemporaryFolder()
        let bare = try Run.process("/usr/bin/env", ["git", "clone", "-q", "--bare", seed.url.path, origin.url.appendingPathComponent("repo.git").path])
        guard bare.status == 0 else { throw TestFailure( bare.stderr) }
        return (origin, seed)
    }

    static func json(_ result: ProcessResult) throws -> JSONValue { try JSONValue.parse(Array(result.stdout.utf8)) }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
