import Foundation
import GRDB

/// The embedded registry: an SQLite file (through GRDB) on the machine that runs
/// the command, at `.acme-scan/registry.sqlite` under the project root (a folder
/// with its own .gitignore), or where a `registry` setting names a path.
///
/// Several acme-scan processes may use one file at once: the database is in WAL
/// mode, every write is one transaction (GRDB opens write transactions
/// IMMEDIATE), and a writer waits for another (busy timeout) instead of failing.
/// The environment locks are `flock`s on files beside it (``FileLock``).
public final class SQLiteRegistry: Registry {
    public let path: String
    private let database: DatabasePool

    public static let defaultFolder = ".acme-scan"
    public static let defaultFileName = "registry.sqlite"

    public var name: String { path }
    public var url: String { URL(fileURLWithPath: path).absoluteString }

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
            database = try Self.openPool(path: path, configuration: configuration)
            do {
                try Self.migrator.migrate(database)
            } catch {
                // Two processes opening a new registry at once can both find it unmigrated; the
                // loser's CREATE TABLE then fails on what the winner committed. Once more sees it done.
                try Self.migrator.migrate(database)
            }
        } catch {
            throw RegistryError("\(path): cannot open the registry: \(error)")
        }
    }

    /// Opening switches the file to WAL. While another process is writing the same
    /// file in rollback mode (creating the registry at the same moment), SQLite answers
    /// that switch with SQLITE_BUSY at once, without the busy handler (waiting could
    /// deadlock), so the busy timeout is applied here: tried again for up to 30 s.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(30)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(50_000)
            }
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
        // Where each action ran, and the project, so that one registry may serve several
        // projects (as a shared PostgreSQL one does); a deployment is known by its project too.
        migrator.registerMigration("v2") { db in
            try db.alter(table: "event") { table in
                for column in ["project", "host", "ciProvider", "ciJob", "ciURL", "acmeScanVersion"] { table.add(column: column, .text) }
            }
            try db.create(table: "localDeployment2") { table in
                for column in ["project", "environment", "name", "flow", "branch", "commit", "fields", "created", "updated"] {
                    table.column(column, .text).notNull()
                }
                table.primaryKey(["project", "environment", "name"])
            }
            try db.execute(sql: "INSERT INTO localDeployment2 SELECT project, environment, name, flow, branch, \"commit\", fields, created, updated FROM localDeployment")
            try db.drop(table: "localDeployment")
            try db.rename(table: "localDeployment2", to: "localDeployment")
        }
        return migrator
    }

    // MARK: The journal

    public func record(_ events: [JournalEvent]) throws {
        try write { db in for var event in events { try event.insert(db) } }
    }

    public func events(project: String? = nil, flow: String? = nil, environment: String? = nil) throws -> [JournalEvent] {
        try read { db in
            var request = JournalEvent.order(Column("id"))
            if let project { request = request.filter(Column("project") == project || Column("project") == nil) }
            if let flow { request = request.filter(Column("flow") == flow) }
            if let environment { request = request.filter(Column("environment") == environment) }
            return try request.fetchAll(db)
        }
    }

    // MARK: The local backend's deployments

    public func localDeployments(project: String? = nil, environment: String) throws -> [LocalDeploymentRecord] {
        try read { db in
            var request = LocalDeploymentRecord.filter(Column("environment") == environment)
            if let project { request = request.filter(Column("project") == project) }
            return try request.order(Column("name")).fetchAll(db)
        }
    }

    public func saveLocal(_ record: LocalDeploymentRecord) throws {
        try write { db in
            var row = record
            if let existing = try LocalDeploymentRecord.fetchOne(db, key: record.key) { row.created = existing.created }
            try row.save(db)
        }
    }

    public func deleteLocal(project: String, environment: String, name: String) throws {
        try write { db in _ = try LocalDeploymentRecord.deleteOne(db, key: ["project": project, "environment": environment, "name": name]) }
    }

    // MARK: Locks, writability, import

    public func tryLock(_ key: LockKey, holder: LockHolder) throws -> LockAttempt {
        try FileLock.tryLock(folder: path + ".locks", key: key, holder: holder, registry: name)
    }

    public func checkWritable() throws {
        // A statement that opens a write transaction fails on a read-only file or folder,
        // though it changes no row.
        try write { db in try db.execute(sql: "UPDATE event SET id = id WHERE id IS NULL") }
    }

    public func importRecords(events: [JournalEvent], deployments: [LocalDeploymentRecord]) throws -> (events: Int, deployments: Int) {
        try write { db in
            let known = Set(try JournalEvent.fetchAll(db).map(\.identity))
            var added = (events: 0, deployments: 0)
            for var event in events where !known.contains(event.identity) {
                event.id = nil
                try event.insert(db)
                added.events += 1
            }
            for deployment in deployments {
                guard try !deployment.exists(db) else { continue }
                try deployment.insert(db)
                added.deployments += 1
            }
            return added
        }
    }

    public func close() {
        try? database.close()
    }

    private func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            return try database.write(body)
        } catch {
            throw RegistryError("\(path): cannot write the registry: \(error)")
        }
    }

    private func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch {
            throw RegistryError("\(path): cannot read the registry: \(error)")
        }
    }
}

extension JournalEvent: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "event"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension LocalDeploymentRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "localDeployment"
    var key: [String: (any DatabaseValueConvertible)?] { ["project": project, "environment": environment, "name": name] }
}
