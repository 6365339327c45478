import Foundation
import PostgresNIO

/// The PostgreSQL registry's tables, in the schema `acme_scan`, versioned: each
/// step runs once, in order, in one transaction, on first use by an acme-scan
/// that knows it. Two runners migrating at once take turns (a transaction-level
/// advisory lock); an acme-scan older than the schema refuses to touch it.
enum PostgresSchema {
    /// Every step; the version of a database is how many have run.
    static let steps: [String] = [
        """
        CREATE TABLE acme_scan.event (
            id bigserial PRIMARY KEY,
            project text NOT NULL,
            run text NOT NULL,
            "time" text NOT NULL,
            who text NOT NULL,
            action text NOT NULL,
            flow text NOT NULL,
            environment text NOT NULL,
            from_environment text,
            deployment text NOT NULL,
            "commit" text NOT NULL,
            version text NOT NULL,
            image text,
            dirty boolean NOT NULL,
            result text NOT NULL,
            error text,
            host text,
            ci_provider text,
            ci_job text,
            ci_url text,
            acme_scan_version text,
            UNIQUE (run, environment, deployment, action, result, "time")
        );
        CREATE INDEX event_project_environment_flow ON acme_scan.event (project, environment, flow);
        CREATE TABLE acme_scan.local_deployment (
            project text NOT NULL,
            environment text NOT NULL,
            name text NOT NULL,
            flow text NOT NULL,
            branch text NOT NULL,
            "commit" text NOT NULL,
            fields text NOT NULL,
            created text NOT NULL,
            updated text NOT NULL,
            PRIMARY KEY (project, environment, name)
        );
        CREATE TABLE acme_scan.lock_holder (
            project text NOT NULL,
            environment text NOT NULL,
            backend_pid integer NOT NULL,
            holder text NOT NULL,
            PRIMARY KEY (project, environment)
        );
        """,
    ]

    /// A fixed advisory key for migrations (FNV-1a of "acme-scan schema" would do as well: any constant).
    static let migrationKey: Int64 = 0x6163_6d65_7363_616e

    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        // Most runs find the schema current: one read, no lock.
        if let version = try? await currentVersion(connection, logger: logger), version == steps.count { return }
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationKey))", logger: logger)
            try await connection.query("CREATE SCHEMA IF NOT EXISTS acme_scan", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS acme_scan.schema_version (version integer NOT NULL)", logger: logger)
            let version = try await currentVersion(connection, logger: logger) ?? 0
            guard version <= steps.count else {
                throw RegistryError("its schema is version \(version), newer than this acme-scan knows (\(steps.count)): upgrade acme-scan")
            }
            for step in steps[version...] {
                for statement in step.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !statement.isEmpty {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
            if version < steps.count {
                try await connection.query("DELETE FROM acme_scan.schema_version", logger: logger)
                try await connection.query("INSERT INTO acme_scan.schema_version (version) VALUES (\(steps.count))", logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private static func currentVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int? {
        let rows = try await connection.query("SELECT max(version) FROM acme_scan.schema_version", logger: logger)
        for try await version in rows.decode(Int?.self) { return version }
        return nil
    }
}
