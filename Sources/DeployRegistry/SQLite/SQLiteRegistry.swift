import Foundation
import GRDB

/// The deployer's own database, in SQLite through GRDB: the journal of every
/// action on every backend (the open-source Prefect server keeps no history),
/// and the deployments of the embedded `local` backend. It lives at
/// `.acme-scan/registry.sqlite` under the project root (a folder with its own
/// .gitignore), or where an environment's `registry` setting says.
///
/// Several acme-scan processes may use one registry at once: the database is in
/// WAL mode, every write is one transaction (GRDB opens write transactions
/// IMMEDIATE), and a writer waits for
/// another (busy timeout) instead of failing, so none corrupts it or loses an event.
public final class Registry: Sendable {
    public let path: String
    private let database: DatabasePool

    public static let defaultFolder = ".acme-scan"
    public static let defaultFileName = "registry.sqlite"

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Opens (creating when needed) the registry at `path`.
    public init(path: String) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if folder.lastPathComponent == Self.defaultFolder {
                let ignore = folder.appendingPathComponent(".gitignore")
                if !FileManager.default.fileExists(atPath: ignore.path) {
                    try "# acme-scan's registry: the deploy journal and the local backend's deployments. Not for git.\n*\n"
                        .write(to: ignore, atomically: true, encoding: .utf8)
                }
            }
            var configuration = Configuration()
            // Another deploy writing at the same moment is waited for, not an error.
            configuration.busyMode = .timeout(30)
            database = try DatabasePool(path: path, configuration: configuration)
            do {
                try Self.migrator.migrate(database)
            } catch {
                // Two processes opening a new registry at once can both find it unmigrated; the
                // loser's CREATE TABLE then fails on what the winner committed. Once more sees it done.
                try Self.migrator.migrate(database)
            }
        } catch {
            throw Failure(description: "\(path): cannot open the registry: \(error)")
        }
    }

    /// The registry of a project root: `<root>/.acme-scan/registry.sqlite`.
    public static func defaultPath(projectRoot: URL) -> String {
        projectRoot.appendingPathComponent(defaultFolder).appendingPathComponent(defaultFileName).path
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "event") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("run", .text).notNull()
                table.column("time", .text).notNull()
                table.column("who", .text).notNull()
                table.column("action", .text).notNull()
                table.column("flow", .text).notNull()
                table.column("environment", .text).notNull()
                table.column("fromEnvironment", .text)
                table.column("deployment", .text).notNull()
                table.column("commit", .text).notNull()
                table.column("version", .text).notNull()
                table.column("image", .text)
                table.column("dirty", .boolean).notNull()
                table.column("result", .text).notNull()
                table.column("error", .text)
            }
            try db.create(index: "event_flow_environment", on: "event", columns: ["flow", "environment"])
            try db.create(table: "localDeployment") { table in
                table.column("environment", .text).notNull()
                table.column("name", .text).notNull()
                table.column("flow", .text).notNull()
                table.column("project", .text).notNull()
                table.column("branch", .text).notNull()
                table.column("commit", .text).notNull()
                table.column("fields", .text).notNull()
                table.column("created", .text).notNull()
                table.column("updated", .text).notNull()
                table.primaryKey(["environment", "name"])
            }
        }
        return migrator
    }

    // MARK: The journal

    /// Appends events, all in one transaction.
    public func record(_ events: [JournalEvent]) throws {
        try write { db in for event in events { try event.inserted(db) } }
    }

    /// Every event, oldest first; filtered by flow and environment when given.
    public func events(flow: String? = nil, environment: String? = nil) throws -> [JournalEvent] {
        try read { db in
            var request = JournalEvent.order(Column("id"))
            if let flow { request = request.filter(Column("flow") == flow) }
            if let environment { request = request.filter(Column("environment") == environment) }
            return try request.fetchAll(db)
        }
    }

    // MARK: The local backend's deployments

    public func localDeployments(environment: String) throws -> [LocalDeploymentRecord] {
        try read { db in
            try LocalDeploymentRecord.filter(Column("environment") == environment).order(Column("name")).fetchAll(db)
        }
    }

    /// Creates or replaces one deployment; `created` is kept from the existing row.
    public func saveLocal(_ record: LocalDeploymentRecord) throws {
        try write { db in
            var row = record
            if let existing = try LocalDeploymentRecord.fetchOne(db, key: ["environment": record.environment, "name": record.name]) {
                row.created = existing.created
            }
            try row.save(db)
        }
    }

    public func deleteLocal(environment: String, name: String) throws {
        try write { db in _ = try LocalDeploymentRecord.deleteOne(db, key: ["environment": environment, "name": name]) }
    }

    private func write(_ body: @Sendable (Database) throws -> Void) throws {
        do {
            try database.write(body)
        } catch {
            throw Failure(description: "\(path): cannot write the registry: \(error)")
        }
    }

    private func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch {
            throw Failure(description: "\(path): cannot read the registry: \(error)")
        }
    }
}

/// One line of the journal: one action on one deployment and what came of it.
public struct JournalEvent: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "event"

    public var id: Int64?
    /// Shared by the events of one command, so a run can be told from the next.
    public var run: String
    /// ISO 8601, UTC.
    public var time: String
    /// The git user (`name <email>`), else the login name.
    public var who: String
    /// deploy, promote, rollback or prune.
    public var action: String
    public var flow: String
    public var environment: String
    /// For a promotion: the environment the release came from.
    public var fromEnvironment: String?
    public var deployment: String
    public var commit: String
    public var version: String
    public var image: String?
    /// Deployed with `--allow-dirty` from a tree with uncommitted changes.
    public var dirty: Bool
    /// created, updated, unchanged, deleted, failed or refused.
    public var result: String
    public var error: String?

    public init(run: String, time: String, who: String, action: String, flow: String, environment: String,
        fromEnvironment: String? = nil, deployment: String, commit: String, version: String, image: String? = nil,
        dirty: Bool = false, result: String, error: String? = nil)
    {
        self.run = run
        self.time = time
        self.who = who
        self.action = action
        self.flow = flow
        self.environment = environment
        self.fromEnvironment = fromEnvironment
        self.deployment = deployment
        self.commit = commit
        self.version = version
        self.image = image
        self.dirty = dirty
        self.result = result
        self.error = error
    }
}

/// A deployment of the embedded `local` backend: the desired fields it was
/// given, as JSON, and the commit they came from.
public struct LocalDeploymentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "localDeployment"

    public var environment: String
    public var name: String
    public var flow: String
    public var project: String
    public var branch: String
    public var commit: String
    /// `DeploymentFields.json`, serialised with sorted keys.
    public var fields: String
    public var created: String
    public var updated: String

    public init(environment: String, name: String, flow: String, project: String, branch: String, commit: String, fields: String,
        created: String, updated: String)
    {
        self.environment = environment
        self.name = name
        self.flow = flow
        self.project = project
        self.branch = branch
        self.commit = commit
        self.fields = fields
        self.created = created
        self.updated = updated
    }
}
