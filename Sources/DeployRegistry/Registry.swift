import Foundation

/// The deployer's own database: the journal of every action on every backend
/// (the open-source Prefect server keeps no history), the deployments of the
/// embedded `local` backend, and the lock of each (project, environment).
///
/// Two implementations: ``SQLiteRegistry``, a file on the machine that runs the
/// command (the embedded default, `.acme-scan/registry.sqlite`), and
/// ``PostgresRegistry``, one database a team's CI runners share, so every clone
/// sees one history and two pipelines never ship into one environment at once.
/// The deployer, history, rollback, deployments and the acme-portal bridge read
/// and write through this protocol only, so they cannot tell which it is.
public protocol Registry: AnyObject, Sendable {
    /// As messages name it: the file's path, or the URL without a password.
    var name: String { get }
    /// Where the local backend's deployments are shown: a `file:` URL, or the `postgresql:` URL.
    var url: String { get }

    /// Appends events, all or none.
    func record(_ events: [JournalEvent]) async throws
    /// Every event, oldest first. `project`: that project's events (and, in a file
    /// from before projects were recorded, the ones that carry none).
    func events(project: String?, flow: String?, environment: String?) async throws -> [JournalEvent]

    func localDeployments(project: String?, environment: String) async throws -> [LocalDeploymentRecord]
    /// Creates or replaces one deployment; `created` is kept from the existing row.
    func saveLocal(_ record: LocalDeploymentRecord) async throws
    func deleteLocal(project: String, environment: String, name: String) async throws

    /// Takes the lock of `key` at once, or says who holds it. Never waits:
    /// ``EnvironmentLock`` waits, so both implementations wait alike.
    func tryLock(_ key: LockKey, holder: LockHolder) async throws -> LockAttempt

    /// Throws unless this process may write every table (a read-only role, a
    /// read-only file, a standby server): checked before anything changes.
    func checkWritable() async throws

    /// `registry import`: adds the events and local deployments not there yet
    /// (an event is known by its run, environment, deployment, action, result and
    /// time; a deployment by project, environment and name, and an existing one
    /// is kept). Returns how many of each were added.
    func importRecords(events: [JournalEvent], deployments: [LocalDeploymentRecord]) async throws -> (events: Int, deployments: Int)

    /// Ends the connection (a lock still held goes with it).
    func close() async
}

/// A registry that cannot be opened, read or written: the message names the
/// registry (never a password) and says what failed.
public struct RegistryError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One line of the journal: one action on one deployment, what came of it, and
/// where it ran.
public struct JournalEvent: Codable, Sendable, Equatable {
    public var id: Int64?
    /// The project (acme.toml's `project`); nil in a file from before it was recorded.
    public var project: String?
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
    /// The machine the command ran on (its host name).
    public var host: String?
    /// The CI system and job, when the command ran in one (``JournalEvent/ciProvider`` e.g. `github-actions`).
    public var ciProvider: String?
    public var ciJob: String?
    public var ciURL: String?
    /// The acme-scan that wrote the event.
    public var acmeScanVersion: String?

    public init(project: String? = nil, run: String, time: String, who: String, action: String, flow: String, environment: String,
        fromEnvironment: String? = nil, deployment: String, commit: String, version: String, image: String? = nil,
        dirty: Bool = false, result: String, error: String? = nil, host: String? = nil, ciProvider: String? = nil,
        ciJob: String? = nil, ciURL: String? = nil, acmeScanVersion: String? = nil)
    {
        self.project = project
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
        self.host = host
        self.ciProvider = ciProvider
        self.ciJob = ciJob
        self.ciURL = ciURL
        self.acmeScanVersion = acmeScanVersion
    }

    /// What makes an event the same event in two registries (`registry import` skips it).
    var identity: String { [run, environment, deployment, action, result, time].joined(separator: "\u{1F}") }
}

/// A deployment of the embedded `local` backend: the desired fields it was
/// given, as JSON, and the commit they came from.
public struct LocalDeploymentRecord: Codable, Sendable, Equatable {
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
