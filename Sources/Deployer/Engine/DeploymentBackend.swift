import AirflowAPI
import DeploymentModel
import PrefectAPI
import ProjectConfiguration

/// One environment's execution system, as the deployer sees it. Each backend is
/// one folder under `Backends/` (local, prefect, airflow).
/// The engine plans against what ``deployments(project:)`` reports, applies one
/// deployment at a time, and journals every result; a backend only talks to its system.
/// A backend that ships a release as one unit (Airflow: a folder or a branch of
/// files) applies the whole plan itself (``applyPlan(_:options:journal:log:)``).
public protocol DeploymentBackend: Sendable {
    var environment: Environment { get }

    /// Every deployment of `project` in this environment, scoped by the release tags
    /// (`PROJECT_NAME=`, `ACME_ENV=`), never by name alone.
    func deployments(project: String) async throws -> [LiveDeployment]

    /// What differs between what the backend holds and what is wanted, in the
    /// backend's own terms (normalised as it stores them). Empty: nothing to send.
    func changes(from live: LiveDeployment, to desired: DesiredDeployment) -> [DeploymentModel.FieldChange]

    /// Checks that refuse the whole deploy before anything changes (a missing work
    /// pool, an unreachable server); each message names what to do.
    func preflight(_ desired: [DesiredDeployment]) async throws -> [String]

    /// Creates or replaces one deployment with the complete desired state.
    func apply(_ desired: DesiredDeployment, replacing live: LiveDeployment?) async throws -> LiveDeployment

    func delete(_ live: LiveDeployment) async throws

    /// Whether `live` has a completed run of the version it holds (`promote-requires`).
    func hasCompletedRun(_ live: LiveDeployment) async throws -> Bool

    /// What applying publishes, for a backend that ships the release's files itself
    /// (Airflow); the plan says it. Default: nil (each deployment is sent on its own).
    var publication: Publication? { get }

    /// Applies a plan and journals one result per item. Default: the engine, one
    /// deployment at a time.
    func applyPlan(_ plan: [PlanItem], options: ApplyOptions, journal: JournalContext,
        log: @escaping @Sendable (String) -> Void) async -> [DeployResult]
}

/// How a plan is applied, beyond what its items say.
public struct ApplyOptions: Sendable {
    /// `--prune`: deployments of the project that the release no longer makes are removed.
    public var prune: Bool
    /// `--force`: move an environment branch even when that is not a fast-forward.
    public var force: Bool

    public init(prune: Bool = false, force: Bool = false) {
        self.prune = prune
        self.force = force
    }
}

/// The files a deploy publishes and where, as the plan shows them.
public struct Publication: Sendable, Equatable {
    /// The project folder published, relative to the project root ("." for the whole
    /// project); nil when it is not decided (the deploy refuses, `reason` says why).
    public var source: String?
    /// Where: the dags-folder path, or a branch of a repository.
    public var target: String
    /// Why that folder, in one sentence: set in acme.toml, or what the DAGs' imports show.
    public var reason: String

    public init(source: String?, target: String, reason: String) {
        self.source = source
        self.target = target
        self.reason = reason
    }

    /// `dags/ to /srv/airflow/dags: the DAGs' import root: ...`
    public var summary: String {
        let what = source.map { $0 == "." ? "the project folder" : $0 + "/" } ?? "nothing"
        return "\(what) to \(target): \(reason)"
    }
}

extension DeploymentBackend {
    public var publication: Publication? { nil }

    public func applyPlan(_ plan: [PlanItem], options: ApplyOptions, journal: JournalContext,
        log: @escaping @Sendable (String) -> Void) async -> [DeployResult]
    {
        await Engine.apply(plan, backend: self, journal: journal, failure: log)
    }
}

/// A deployment as a backend holds it.
public struct LiveDeployment: Sendable, Equatable {
    /// The backend's id (Prefect's deployment id; the name for the local registry).
    public var id: String
    public var name: String
    public var flow: String
    public var environment: String
    /// From the release tags.
    public var branch: String?
    public var commit: String?
    public var version: String?
    public var paused: Bool?
    public var created: String?
    public var updated: String?
    /// Where to look at it (the server's UI), when there is one.
    public var url: String?
    /// The live fields, in the desired model's terms.
    public var fields: DeploymentFields
    /// What the backend read, in its own terms, for its own comparison.
    public var native: NativeDeployment?

    public init(id: String, name: String, flow: String, environment: String, branch: String?, commit: String?, version: String?,
        paused: Bool?, created: String?, updated: String?, url: String?, fields: DeploymentFields, native: NativeDeployment? = nil)
    {
        self.native = native
        self.id = id
        self.name = name
        self.flow = flow
        self.environment = environment
        self.branch = branch
        self.commit = commit
        self.version = version
        self.paused = paused
        self.created = created
        self.updated = updated
        self.url = url
        self.fields = fields
    }

    public var image: String? { fields.image }
    public var tags: [String] { fields.tags }
}

/// A deployment as a server returned it: its backend compares in those terms.
public enum NativeDeployment: Sendable, Equatable {
    case prefect(PrefectAPI.LiveDeployment)
    case airflow(AirflowAPI.AirflowDAG)
}

/// A failure a backend reports in one line (what failed, where, what to do), with
/// any credential already redacted.
public struct BackendError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
