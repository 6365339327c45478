import Foundation
import PostgresNIO

/// The shared registry: a PostgreSQL database (through postgres-nio) that every
/// runner of a team reaches by one URL, so a fresh clone sees the whole history
/// and the `local` backend's deployments, and an environment's lock is an
/// advisory lock of this session, which the server drops with the session (a
/// killed runner never leaves it held).
///
/// One connection per command, on which everything runs: the lock lives in the
/// session, so the session must outlast every write made under it. Statements
/// run one at a time on it; each write is one statement, so concurrent callers
/// need no transaction of their own.
public final class PostgresRegistry: Registry {
    let settings: PostgresSettings
    private let connection: PostgresConnection
    let logger: Logger

    public var name: String { settings.displayURL }
    public var url: String { settings.displayURL }

    private init(settings: PostgresSettings, connection: PostgresConnection, logger: Logger) {
        self.settings = settings
        self.connection = connection
        self.logger = logger
    }

    /// Connects and migrates the schema; throws a ``RegistryError`` naming the registry (no password).
    public static func open(_ settings: PostgresSettings) async throws -> PostgresRegistry {
        var logger = Logger(label: "acme-scan.registry")
        // Standard output is for data: postgres-nio's logs stay quiet (it logs nothing critical).
        logger.logLevel = .critical
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try settings.configuration(), id: 1, logger: logger)
        } catch {
            throw RegistryError("registry \(settings.displayURL): \(settings.explain(error))")
        }
        let registry = PostgresRegistry(settings: settings, connection: connection, logger: logger)
        // A runner killed outright closes its socket and the server frees its lock at once
        // (measured: 0.3 s). One whose machine or network vanishes sends nothing; the server
        // notices through TCP keepalive, by default after two hours: this session asks for
        // 30 s idle and 3 probes 10 s apart instead. Best effort (a pooler may refuse SET).
        for setting in ["tcp_keepalives_idle = 30", "tcp_keepalives_interval = 10", "tcp_keepalives_count = 3"] {
            _ = try? await registry.run(PostgresQuery(unsafeSQL: "SET \(setting)"), "set \(setting)")
        }
        do {
            try await PostgresSchema.migrate(connection, logger: logger)
        } catch {
            await registry.close()
            throw RegistryError("registry \(settings.displayURL): cannot set up its tables: \(settings.explain(error))")
        }
        return registry
    }

    var isConnected: Bool { !connection.isClosed }

    /// How long one statement may take: every one is small, and the session's lock is
    /// worth nothing once the server stops answering.
    static let statementDeadline: Duration = .seconds(30)

    @discardableResult
    func run(_ query: PostgresQuery, _ what: String) async throws -> [PostgresRow] {
        // postgres-nio 1.33.2 never completes a query sent on a connection the server has
        // closed (measured: a deploy hung after PostgreSQL stopped), so a closed one fails here.
        guard !connection.isClosed else {
            throw RegistryError("registry \(settings.displayURL): cannot \(what): the connection to \(settings.host):\(settings.port) was lost")
        }
        do {
            let connection = self.connection, logger = self.logger
            return try await Deadline.run(within: Self.statementDeadline) {
                try await connection.query(query, logger: logger).collect()
            }
        } catch is Deadline.Expired {
            // Whatever the server is doing, this session can no longer be trusted to hold the lock.
            try? await connection.close()
            throw RegistryError("registry \(settings.displayURL): cannot \(what): no answer within \(Self.statementDeadline)")
        } catch {
            throw RegistryError("registry \(settings.displayURL): cannot \(what): \(settings.explain(error))")
        }
    }

    // MARK: The journal

    static let eventColumns = ["project", "run", "\"time\"", "who", "action", "flow", "environment", "from_environment", "deployment",
        "\"commit\"", "version", "image", "dirty", "result", "error", "host", "ci_provider", "ci_job", "ci_url", "acme_scan_version"]

    public func record(_ events: [JournalEvent]) async throws {
        _ = try await insert(events, what: "write the journal")
    }

    /// Inserts the events not there yet (known by run, environment, deployment, action, result and time).
    private func insert(_ events: [JournalEvent], what: String) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        var added = 0
        // postgres-nio allows 65,535 binds a statement: 20 columns, 1,000 events at a time.
        for start in stride(from: 0, to: events.count, by: 1000) {
            var binds = PostgresBindings()
            var rows: [String] = []
            for event in events[start..<min(start + 1000, events.count)] {
                let base = binds.count
                rows.append("(" + (1...Self.eventColumns.count).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                binds.append(event.project ?? "")
                binds.append(event.run)
                binds.append(event.time)
                binds.append(event.who)
                binds.append(event.action)
                binds.append(event.flow)
                binds.append(event.environment)
                binds.append(event.fromEnvironment)
                binds.append(event.deployment)
                binds.append(event.commit)
                binds.append(event.version)
                binds.append(event.image)
                binds.append(event.dirty)
                binds.append(event.result)
                binds.append(event.error)
                binds.append(event.host)
                binds.append(event.ciProvider)
                binds.append(event.ciJob)
                binds.append(event.ciURL)
                binds.append(event.acmeScanVersion)
            }
            let sql = "INSERT INTO acme_scan.event (\(Self.eventColumns.joined(separator: ", "))) VALUES \(rows.joined(separator: ", ")) "
                + "ON CONFLICT DO NOTHING RETURNING id"
            added += try await run(PostgresQuery(unsafeSQL: sql, binds: binds), what).count
        }
        return added
    }

    public func events(project: String?, flow: String?, environment: String?) async throws -> [JournalEvent] {
        var binds = PostgresBindings()
        var conditions: [String] = []
        for (column, value) in [("project", project), ("flow", flow), ("environment", environment)] {
            guard let value else { continue }
            binds.append(value)
            conditions.append("\(column) = $\(binds.count)")
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT id, \(Self.eventColumns.joined(separator: ", ")) FROM acme_scan.event\(filter) ORDER BY id"
        var events: [JournalEvent] = []
        do {
            for row in try await run(PostgresQuery(unsafeSQL: sql, binds: binds), "read the journal") {
                let (id, project, run, time, who, action, flow, environment, from, deployment) =
                    try row.decode((Int64, String, String, String, String, String, String, String, String?, String).self)
                let columns = row.makeRandomAccess()
                func text(_ index: Int) throws -> String? { try columns[index].decode(String?.self) }
                var event = JournalEvent(project: project, run: run, time: time, who: who, action: action, flow: flow,
                    environment: environment, fromEnvironment: from, deployment: deployment, commit: try text(10) ?? "",
                    version: try text(11) ?? "", image: try text(12), dirty: try columns[13].decode(Bool.self),
                    result: try text(14) ?? "", error: try text(15), host: try text(16), ciProvider: try text(17), ciJob: try text(18),
                    ciURL: try text(19), acmeScanVersion: try text(20))
                event.id = id
                events.append(event)
            }
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError("registry \(settings.displayURL): cannot read the journal: \(error)")
        }
        return events
    }

    // MARK: The local backend's deployments

    static let deploymentColumns = "project, environment, name, flow, branch, \"commit\", fields, created, updated"

    public func localDeployments(project: String?, environment: String) async throws -> [LocalDeploymentRecord] {
        let rows: [PostgresRow]
        if let project {
            rows = try await run("SELECT \(unescaped: Self.deploymentColumns) FROM acme_scan.local_deployment WHERE project = \(project) AND environment = \(environment) ORDER BY name",
                "read the local deployments")
        } else {
            rows = try await run("SELECT \(unescaped: Self.deploymentColumns) FROM acme_scan.local_deployment WHERE environment = \(environment) ORDER BY name",
                "read the local deployments")
        }
        do {
            return try rows.map { row in
                let (project, environment, name, flow, branch, commit, fields, created, updated) =
                    try row.decode((String, String, String, String, String, String, String, String, String).self)
                return LocalDeploymentRecord(environment: environment, name: name, flow: flow, project: project, branch: branch,
                    commit: commit, fields: fields, created: created, updated: updated)
            }
        } catch {
            throw RegistryError("registry \(settings.displayURL): cannot read the local deployments: \(error)")
        }
    }

    public func saveLocal(_ record: LocalDeploymentRecord) async throws {
        // One statement: an existing row keeps its `created`.
        try await run("""
            INSERT INTO acme_scan.local_deployment (\(unescaped: Self.deploymentColumns))
            VALUES (\(record.project), \(record.environment), \(record.name), \(record.flow), \(record.branch), \(record.commit),
                \(record.fields), \(record.created), \(record.updated))
            ON CONFLICT (project, environment, name) DO UPDATE SET flow = EXCLUDED.flow, branch = EXCLUDED.branch,
                "commit" = EXCLUDED."commit", fields = EXCLUDED.fields, updated = EXCLUDED.updated
            """, "write a local deployment")
    }

    public func deleteLocal(project: String, environment: String, name: String) async throws {
        try await run("DELETE FROM acme_scan.local_deployment WHERE project = \(project) AND environment = \(environment) AND name = \(name)",
            "delete a local deployment")
    }

    // MARK: Writability, import, closing

    public func checkWritable() async throws {
        // ROW EXCLUSIVE is what INSERT, UPDATE and DELETE take: refused without those
        // privileges, on a standby, or in a read-only transaction; nothing is written.
        try await run("BEGIN", "start a transaction")
        do {
            try await run("SET TRANSACTION READ WRITE", "write to it")
            try await run("LOCK TABLE acme_scan.event, acme_scan.local_deployment, acme_scan.lock_holder IN ROW EXCLUSIVE MODE",
                "write to it")
        } catch {
            _ = try? await run("ROLLBACK", "roll back")
            throw error
        }
        try await run("ROLLBACK", "roll back")
    }

    public func importRecords(events: [JournalEvent], deployments: [LocalDeploymentRecord]) async throws -> (events: Int, deployments: Int) {
        let addedEvents = try await insert(events, what: "import the journal")
        var addedDeployments = 0
        for record in deployments {
            let rows = try await run("""
                INSERT INTO acme_scan.local_deployment (\(unescaped: Self.deploymentColumns))
                VALUES (\(record.project), \(record.environment), \(record.name), \(record.flow), \(record.branch), \(record.commit),
                    \(record.fields), \(record.created), \(record.updated))
                ON CONFLICT DO NOTHING RETURNING name
                """, "import a local deployment")
            addedDeployments += rows.count
        }
        return (addedEvents, addedDeployments)
    }

    public func close() async {
        try? await connection.close()
    }
}
