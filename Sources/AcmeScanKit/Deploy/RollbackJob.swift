import DeployRegistry
import Deployer
import DeploymentModel
import Foundation
import ProjectConfiguration

/// `acme-scan rollback`: an earlier release back into an environment, by default
/// the one deployed there before the current one, found in the journal. It is
/// built like a promotion (from the tree at that release's commit, with the image
/// it shipped with) and journaled as a rollback.
public struct RollbackJob {
    public var path: String
    public var flows: [String]
    public var environment: String
    /// A commit (or a prefix of one) the journal shows deployed in the environment.
    public var release: String?
    public var branch: String?
    public var dryRun: Bool
    public var format: DeployOutputFormat
    public var discovery: DiscoveryOverrides
    /// Log each HTTP request to standard error (credentials redacted).
    public var verbose = false
    /// `--lock-timeout`: how long to wait for another run's lock of the environment, in seconds.
    public var lockTimeout = LockTimeout.defaultSeconds

    public init(path: String = ".", flows: [String], environment: String, release: String? = nil, branch: String? = nil,
        dryRun: Bool = false, format: DeployOutputFormat = .text, discovery: DiscoveryOverrides = DiscoveryOverrides())
    {
        self.path = path
        self.flows = flows
        self.environment = environment
        self.release = release
        self.branch = branch
        self.dryRun = dryRun
        self.format = format
        self.discovery = discovery
    }

    public func run(output: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
        log: Log = .standardError) async throws -> Int32
    {
        let context = try DeployContext.load(path: path, overrides: discovery, verbose: verbose, log: log)
        return try await DeployContext.closing(context.registries) { try await run(context, output: output, log: log) }
    }

    private func run(_ context: DeployContext, output: (String) -> Void, log: Log) async throws -> Int32 {
        let target = try context.environment(environment)
        guard !flows.isEmpty || target.backend == .airflow else { throw AcmeError.usage("name the flows to roll back") }
        // The journal is read even for a dry run: it says what to go back to.
        let registry = dryRun ? try await context.registry(target) : try await context.registryToChange(target)
        let command = (["rollback"] + flows + ["--env", target.name] + (release.map { ["--to", $0] } ?? [])).joined(separator: " ")
        // Locked before the live state is read: the release to go back from is the one live now.
        return try await context.locked(target, registry: registry, command: command, commit: nil, timeout: lockTimeout,
            dryRun: dryRun, log: log) { lock in
            try await rollBack(target, registry: registry, lock: lock, context: context, output: output, log: log)
        }
    }

    private func rollBack(_ target: Environment, registry: any Registry, lock: (any RegistryLock)?, context: DeployContext,
        output: (String) -> Void, log: Log) async throws -> Int32
    {
        let isAirflow = target.backend == .airflow
        let branch = self.branch ?? context.git.branch
        let backend = try await context.backend(target)
        let live: [LiveDeployment]
        do {
            // An Airflow environment holds one release, whichever branch it came from.
            live = try await backend.deployments(project: context.configuration.projectName)
                .filter { isAirflow ? $0.commit != nil : $0.branch == branch }
        } catch {
            log.write("acme-scan: \(error)")
            return 1
        }
        var releases: [String: ReleaseToMove] = [:]
        // Without names (Airflow), the whole release goes back: this project's DAGs are tried
        // in order until one has an earlier release in the journal (a DAG new in the current
        // release has none). The bundle may still list another project's DAGs until Airflow
        // marks them stale, hence the filter.
        let mine = Set(context.flows.compactMap(\.name))
        let names = flows.isEmpty ? Array(Set(live.map(\.flow).filter(mine.contains))).sorted() : flows
        var firstRefusal: Error?
        for name in names {
            let flow = live.first { $0.flow == name || DeploymentNaming.underscored($0.flow) == name }?.flow ?? name
            let current = live.first { $0.flow == flow }?.commit
            let name = isAirflow ? flow : DeploymentNaming.name(project: context.configuration.projectName, branch: branch, flow: flow,
                environment: target.name)
            let commit: String, image: String?
            do {
                (commit, image) = try await earlier(flow: flow, deployment: name, than: current, in: target.name, branch: branch,
                    registry: registry, project: context.configuration.projectName)
            } catch {
                guard flows.isEmpty else { throw error }
                firstRefusal = firstRefusal ?? error
                continue
            }
            let releaseBranch = isAirflow ? live.first { $0.flow == flow }?.branch ?? branch : branch
            releases[commit, default: ReleaseToMove(commit: commit, branch: releaseBranch, images: [:])].images[flow] = image
            if flows.isEmpty { break }
        }
        if releases.isEmpty {
            throw firstRefusal ?? AcmeError.usage("nothing of this project is deployed in '\(target.name)' to roll back")
        }
        var desired: [DesiredDeployment] = []
        var environment = target
        for commit in releases.keys.sorted() {
            let built = try ReleaseBuild.desired(releases[commit]!, environment: target.name, context: context, log: log)
            environment = built.environment
            desired += built.deployments
        }
        let builtBackend = try await context.backend(environment)
        let rollout = Rollout(backend: builtBackend, desired: desired, project: context.configuration.projectName,
            currentFlows: Set(context.flows.compactMap(\.name)), prune: false, force: isAirflow, dryRun: dryRun, format: format,
            journal: dryRun ? nil : context.journal(registry, action: "rollback", lock: lock))
        return try await rollout.run(output: output, log: log)
    }

    /// The release to go back to: `--to`, else the one that was live before the
    /// current release was applied, as the journal shows it.
    private func earlier(flow: String, deployment: String, than current: String?, in environment: String, branch: String,
        registry: any Registry, project: String) async throws -> (String, String?)
    {
        let applied = try await registry.events(project: project, flow: flow, environment: environment)
            .filter { ["created", "updated", "unchanged"].contains($0.result) && $0.deployment == deployment && $0.commit.count == 40 }
        if let release {
            guard let match = applied.last(where: { $0.commit.hasPrefix(release.lowercased()) }) else {
                throw AcmeError.usage("the journal of '\(environment)' shows no release \(release) of '\(flow)'; `acme-scan history \(flow) --env \(environment)` lists them")
            }
            return (match.commit, match.image)
        }
        guard let current else {
            throw AcmeError.usage("'\(flow)' has no deployment of branch '\(branch)' in '\(environment)' to roll back")
        }
        // Before the event that made the current release live, the latest other release.
        let before = applied.lastIndex { $0.commit == current && $0.result != "unchanged" }.map { applied[..<$0] } ?? applied[...]
        guard let previous = before.last(where: { $0.commit != current }) else {
            throw AcmeError.usage("the journal of '\(environment)' shows no release of '\(flow)' before \(String(current.prefix(7))) to roll back to")
        }
        return (previous.commit, previous.image)
    }
}
