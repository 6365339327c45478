import DeployRegistry
import DeploymentModel
import Foundation

/// What came of one planned deployment: the `results` items of deploy, promote and rollback.
public struct DeployResult: Sendable, Equatable {
    public enum Action: String, Sendable {
        case created, updated, unchanged, deleted, failed, refused
    }

    public var flow: String
    public var deployment: String
    public var action: Action
    /// The full SHA of the release.
    public var commit: String
    public var version: String
    public var error: String?
    /// Where the backend shows the deployment (``LiveDeployment/url``), when it is there.
    public var url: String?

    public init(flow: String, deployment: String, action: Action, commit: String, version: String, error: String? = nil,
        url: String? = nil)
    {
        self.flow = flow
        self.deployment = deployment
        self.action = action
        self.commit = commit
        self.version = version
        self.error = error
        self.url = url
    }
}

/// Who does what, for the journal: one run of one command.
public struct JournalContext: Sendable {
    public var registry: any Registry
    public var project: String
    public var run: String
    public var who: String
    /// deploy, promote or rollback.
    public var action: String
    public var fromEnvironment: String?
    public var dirty: Bool
    public var origin: RunOrigin
    /// The environment's lock, held while the plan is applied; once it may be lost
    /// (the PostgreSQL session ended), nothing more is applied.
    public var lock: (any RegistryLock)?

    public init(registry: any Registry, project: String, who: String, action: String, fromEnvironment: String? = nil, dirty: Bool = false,
        origin: RunOrigin = RunOrigin(), lock: (any RegistryLock)? = nil)
    {
        self.registry = registry
        self.project = project
        run = UUID().uuidString.lowercased()
        self.who = who
        self.action = action
        self.fromEnvironment = fromEnvironment
        self.dirty = dirty
        self.origin = origin
        self.lock = lock
    }

    func event(_ result: DeployResult, environment: String, image: String?) -> JournalEvent {
        JournalEvent(project: project, run: run, time: Clock.now(), who: who, action: result.action == .deleted ? "prune" : action,
            flow: result.flow, environment: environment, fromEnvironment: fromEnvironment, deployment: result.deployment,
            commit: result.commit, version: result.version, image: image, dirty: dirty, result: result.action.rawValue,
            error: result.error, host: origin.host, ciProvider: origin.ciProvider, ciJob: origin.ciJob, ciURL: origin.ciURL,
            acmeScanVersion: origin.acmeScanVersion)
    }

    /// Why nothing more may be applied, or nil while the lock is held.
    public var lockLost: String? {
        guard let lock, !lock.isHeld else { return nil }
        return "not applied: the connection to the registry \(registry.name) was lost, and with it the environment's lock; run the command again"
    }
}

enum Clock {
    /// ISO 8601 in UTC with milliseconds, so events of one run keep their order when sorted.
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}

/// Applies a plan: each deployment on its own (one failing leaves the others
/// going), a bounded number at once, every result journaled as it comes so a run
/// cut short still says what it did. A re-run converges: applying is create-or-replace
/// by name, and unchanged deployments are not sent again.
public enum Engine {
    public static func apply(_ plan: [PlanItem], backend: any DeploymentBackend, journal: JournalContext, concurrency: Int = 8,
        failure log: @escaping @Sendable (String) -> Void) async -> [DeployResult]
    {
        let environment = backend.environment.name
        var results: [DeployResult] = []
        await withTaskGroup(of: (DeployResult, String?).self) { group in
            var pending = plan[...]
            func startNext() {
                guard let item = pending.popFirst() else { return }
                group.addTask { await execute(item, backend: backend, journal: journal) }
            }
            for _ in 0..<max(1, concurrency) { startNext() }
            while let (result, image) = await group.next() {
                await record([result], images: [image], journal: journal, environment: environment, log: log)
                results.append(result)
                startNext()
            }
        }
        return results.sorted { ($0.flow, $0.deployment) < ($1.flow, $1.deployment) }
    }

    /// Journals results as they come, so a run cut short still says what it did.
    public static func record(_ results: [DeployResult], images: [String?], journal: JournalContext, environment: String,
        log: @Sendable (String) -> Void) async
    {
        do {
            try await journal.registry.record(zip(results, images).map { journal.event($0, environment: environment, image: $1) })
        } catch {
            // The results are still printed: a run whose journal could not be written says what it did.
            let what = results.map { "\($0.deployment) \($0.action.rawValue)" }.joined(separator: ", ")
            log("acme-scan: \(error); not journaled: \(what)")
        }
    }

    private static func execute(_ item: PlanItem, backend: any DeploymentBackend, journal: JournalContext) async -> (DeployResult, String?) {
        let commit = item.desired?.release.commit ?? item.live?.commit ?? ""
        let version = item.desired?.fields.version ?? item.live?.version ?? ""
        var result = DeployResult(flow: item.flow, deployment: item.deployment, action: .unchanged, commit: commit, version: version)
        let image = item.desired?.fields.image ?? item.live?.image
        if item.action != .unchanged, let lost = journal.lockLost {
            result.action = .failed
            result.error = lost
            return (result, image)
        }
        do {
            switch item.action {
            case .unchanged:
                result.url = item.live?.url
            case .create:
                result.url = try await backend.apply(item.desired!, replacing: nil).url
                result.action = .created
            case .update:
                result.url = try await backend.apply(item.desired!, replacing: item.live).url
                result.action = .updated
            case .delete:
                try await backend.delete(item.live!)
                result.action = .deleted
            }
        } catch {
            result.action = .failed
            result.error = String(describing: error)
        }
        return (result, image)
    }
}
