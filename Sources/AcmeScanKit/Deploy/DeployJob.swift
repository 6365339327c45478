import Deployer
import DeploymentModel
import FlowDiscovery
import Foundation
import ProjectConfiguration

/// `acme-scan deploy`: the release at HEAD (the commit, and the image named for
/// it), or at `ref`, into one environment, by default the first of the promotion order.
public struct DeployJob {
    public var path: String
    /// Flow names or dag_ids; empty: every deployable flow.
    public var flows: [String]
    public var environment: String?
    /// Deploy the commit this names (a branch, tag or SHA), built from git's objects,
    /// instead of HEAD's working tree: what the acme-portal extension's Deploy does.
    public var ref: String?
    public var dryRun: Bool
    public var prune: Bool
    /// Move an Airflow environment branch even when that is not a fast-forward.
    public var force = false
    /// Deploy flow files or acme.toml with uncommitted changes (recorded as dirty).
    public var allowDirty: Bool
    public var format: DeployOutputFormat
    public var discovery: DiscoveryOverrides
    /// Log each HTTP request to standard error (credentials redacted).
    public var verbose = false
    /// `--lock-timeout`: how long to wait for another run's lock of the environment, in seconds.
    public var lockTimeout = LockTimeout.defaultSeconds

    public init(path: String = ".", flows: [String] = [], environment: String? = nil, ref: String? = nil, dryRun: Bool = false,
        prune: Bool = false, allowDirty: Bool = false, format: DeployOutputFormat = .text,
        discovery: DiscoveryOverrides = DiscoveryOverrides())
    {
        self.path = path
        self.flows = flows
        self.environment = environment
        self.ref = ref
        self.dryRun = dryRun
        self.prune = prune
        self.allowDirty = allowDirty
        self.format = format
        self.discovery = discovery
    }

    /// 0 done (or nothing to do), 1 something failed; refusals throw (exit 2).
    public func run(output: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
        log: Log = .standardError) async throws -> Int32
    {
        let release = try prepareRelease(log: log)
        let context = release.context, environment = release.environment
        return try await DeployContext.closing(context.registries) {
            // A dry run opens the registry only where the backend keeps its deployments (local).
            let registry = dryRun ? (environment.backend == .local ? try await context.registry(environment) : nil)
                : try await context.registryToChange(environment)
            let backend = try context.backend(environment, flows: release.flows, registry: registry)
            let commit = release.desired.first?.release.commit ?? context.git.commit
            let command = (["deploy"] + flows + ["--env", environment.name] + (ref.map { ["--ref", $0] } ?? []) + (prune ? ["--prune"] : []))
                .joined(separator: " ")
            return try await context.locked(environment, registry: registry, command: command, commit: commit, timeout: lockTimeout,
                dryRun: dryRun, log: log) { lock in
                let journal = dryRun ? nil : registry.map { context.journal($0, action: "deploy", dirty: release.dirty, lock: lock) }
                return try await rollout(release, backend: backend, journal: journal).run(output: output, log: log)
            }
        }
    }

    /// The plan's side of a deploy, with no registry: a dry run on a backend that keeps
    /// nothing in it (the local backend needs ``run(output:log:)``).
    func prepare(log: Log) throws -> Rollout {
        let release = try prepareRelease(log: log)
        return rollout(release, backend: try release.context.backend(release.environment, flows: release.flows, registry: nil), journal: nil)
    }

    /// Everything before asking the environment what it holds: the release and its
    /// desired deployments (refusals throw).
    private struct Release {
        var context: DeployContext
        var environment: Environment
        var flows: [Flow]
        var desired: [DesiredDeployment]
        var dirty: Bool
    }

    private func prepareRelease(log: Log) throws -> Release {
        if prune && !flows.isEmpty {
            throw AcmeError.usage("--prune works on the whole project: leave out the flow names")
        }
        let context = try DeployContext.load(path: path, overrides: discovery, verbose: verbose, log: log)
        var environment = try context.environment(self.environment)
        let flowsOfRelease: [Flow]
        let all: [DesiredDeployment]
        var dirty = false
        if let ref {
            (environment, flowsOfRelease, all) = try committedRelease(ref, environment: environment, context: context, log: log)
        } else {
            dirty = try checkCommitted(context, environment: environment, log: log)
            flowsOfRelease = context.flows
            environment = AirflowSource.resolve(environment, flows: context.flows, root: context.root,
                walk: context.settings.scanOptions().walk)
            all = try DeployContext.desired(configuration: context.configuration, flows: context.flows, git: context.git,
                packageVersion: context.packageVersion, environment: environment, projectRoot: context.root, log: log)
        }
        if environment.backend == .airflow && !flows.isEmpty {
            throw AcmeError.usage("'\(environment.name)' is an Airflow environment: a release is published whole; leave out the DAG names")
        }
        let desired = try DeployContext.select(flows, from: all, allFlows: flowsOfRelease)
        return Release(context: context, environment: environment, flows: flowsOfRelease, desired: desired, dirty: dirty)
    }

    private func rollout(_ release: Release, backend: any DeploymentBackend, journal: JournalContext?) -> Rollout {
        Rollout(backend: backend, desired: release.desired, project: release.context.configuration.projectName,
            currentFlows: Set(release.flows.compactMap(\.name)), prune: prune, force: force, dryRun: dryRun, format: format,
            journal: journal)
    }

    /// `--ref`: the release is the commit `ref` names, with its own flows and acme.toml,
    /// read from git's objects, so what is uncommitted (or checked out) does not matter.
    /// Deployments are named after `ref` when it is a branch, else after HEAD's branch.
    private func committedRelease(_ ref: String, environment: Environment, context: DeployContext, log: Log) throws
        -> (environment: Environment, flows: [Flow], deployments: [DesiredDeployment])
    {
        let repository = context.repository
        guard let commit = repository.resolve(ref) ?? repository.resolve("origin/\(ref)") else {
            throw AcmeError.usage("--ref: no branch, tag or commit is named '\(ref)'")
        }
        let isBranch = repository.resolve("refs/heads/\(ref)") != nil || repository.resolve("refs/remotes/origin/\(ref)") != nil
        warnIfUnpushed(commit, context: context, environment: environment, log: log)
        return try ReleaseBuild.all(commit: commit, branch: isBranch ? ref : context.git.branch, environment: environment.name,
            context: context, log: log)
    }

    private func warnIfUnpushed(_ commit: String, context: DeployContext, environment: Environment, log: Log) {
        // Workers clone from the remote; without one (or on the local backend) nothing clones,
        // and Airflow gets the commit's files from acme-scan itself.
        if context.git.remote != nil && environment.backend == .prefect && !context.repository.isPushed(commit) {
            log.write("acme-scan: warning: commit \(String(commit.prefix(7))) is on no remote-tracking branch: a worker that clones the repository cannot check it out; push it first")
        }
    }

    /// What is not committed cannot be cloned by a worker, nor promoted later as the
    /// same release: refuse flow files and acme.toml with changes, unless `--allow-dirty`.
    /// Returns whether the tree is dirty.
    private func checkCommitted(_ context: DeployContext, environment: Environment, log: Log) throws -> Bool {
        var paths = Set(context.flows.map(\.file))
        if let file = context.configuration.file { paths.insert(file.url.lastPathComponent) }
        let changed = context.repository.uncommitted(paths.sorted(), in: context.root)
        let commit = context.git.commit!
        warnIfUnpushed(commit, context: context, environment: environment, log: log)
        guard !changed.isEmpty else { return false }
        let list = changed.prefix(5).joined(separator: ", ") + (changed.count > 5 ? ", ..." : "")
        if allowDirty {
            log.write("acme-scan: warning: deploying uncommitted changes (\(list)) as commit \(String(commit.prefix(7))); the journal records it as dirty")
            return true
        }
        throw AcmeError.usage("uncommitted changes in \(list): commit them (a release is a commit), or pass --allow-dirty")
    }
}
