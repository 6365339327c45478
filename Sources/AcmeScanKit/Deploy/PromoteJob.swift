import Deployer
import DeploymentModel
import Foundation
import ProjectConfiguration

/// `acme-scan promote`: the release deployed in the source environment (read from
/// its backend, not from the working tree) into the next one, built from the tree
/// at that release's commit with the target's settings, carrying the same image.
public struct PromoteJob {
    public var path: String
    public var flows: [String]
    public var target: String
    /// Default: the environment before `target` in the promotion order.
    public var source: String?
    /// The branch whose deployments are promoted (deployment names carry it); default: HEAD's.
    public var branch: String?
    public var skipOrder: Bool
    /// Move an Airflow environment branch even when that is not a fast-forward.
    public var force = false
    public var dryRun: Bool
    public var format: DeployOutputFormat
    public var discovery: DiscoveryOverrides
    /// Log each HTTP request to standard error (credentials redacted).
    public var verbose = false
    /// `--lock-timeout`: how long to wait for another run's lock of an environment, in seconds.
    public var lockTimeout = LockTimeout.defaultSeconds

    public init(path: String = ".", flows: [String] = [], target: String, source: String? = nil, branch: String? = nil,
        skipOrder: Bool = false, dryRun: Bool = false, format: DeployOutputFormat = .text,
        discovery: DiscoveryOverrides = DiscoveryOverrides())
    {
        self.path = path
        self.flows = flows
        self.target = target
        self.source = source
        self.branch = branch
        self.skipOrder = skipOrder
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
        let targetEnvironment = try context.environment(target, option: "--to")
        let sourceEnvironment = try self.sourceEnvironment(for: targetEnvironment, in: context.configuration)
        let branch = self.branch ?? context.git.branch
        let sourceRegistry = dryRun ? nil : try await context.registryToChange(sourceEnvironment)
        let sourceBackend = try await context.backend(sourceEnvironment)
        let command = (["promote"] + flows + ["--from", sourceEnvironment.name, "--to", targetEnvironment.name]).joined(separator: " ")
        // The source is read under its own lock, released at once: a deploy into it that is
        // half done is waited for, so a promotion never takes half of one release.
        let live: [LiveDeployment]
        do {
            live = try await context.locked(sourceEnvironment, registry: sourceRegistry, command: command + " (reading \(sourceEnvironment.name))",
                commit: nil, timeout: lockTimeout, dryRun: dryRun, log: log) { _ in
                try await sourceBackend.deployments(project: context.configuration.projectName)
            }
        } catch let error as AcmeError {
            throw error
        } catch {
            log.write("acme-scan: \(error)")
            return 1
        }
        // An Airflow environment holds one release, whichever branch it came from.
        let isAirflow = sourceEnvironment.backend == .airflow
        if (isAirflow || targetEnvironment.backend == .airflow) && !flows.isEmpty {
            throw AcmeError.usage("Airflow environments move whole releases: leave out the DAG names")
        }
        // (Of this project: the bundle may still list another project's DAGs until Airflow marks them stale.)
        let mine = Set(context.flows.compactMap(\.name))
        let candidates = isAirflow ? live.filter { $0.commit != nil && mine.contains($0.flow) } : live.filter { $0.branch == branch }
        let releases = try self.releases(in: candidates, from: sourceEnvironment, branch: branch)
        if targetEnvironment.promotionGate == .completedRun {
            try await checkGate(releases.flatMap(\.1), backend: sourceBackend, source: sourceEnvironment.name)
        }
        var desired: [DesiredDeployment] = []
        var environment = targetEnvironment
        for (release, _) in releases {
            let built = try ReleaseBuild.desired(release, environment: targetEnvironment.name, context: context, log: log)
            environment = built.environment
            desired += built.deployments
        }
        let registry = dryRun ? nil : try await context.registryToChange(environment)
        let backend = try await context.backend(environment)
        let commit = releases.count == 1 ? releases[0].0.commit : nil
        return try await context.locked(environment, registry: registry, command: command, commit: commit, timeout: lockTimeout,
            dryRun: dryRun, log: log) { lock in
            let rollout = Rollout(backend: backend, desired: desired, project: context.configuration.projectName,
                currentFlows: Set(context.flows.compactMap(\.name)), prune: false, force: force, dryRun: dryRun, format: format,
                journal: registry.map { context.journal($0, action: "promote", fromEnvironment: sourceEnvironment.name, lock: lock) })
            return try await rollout.run(output: output, log: log)
        }
    }

    /// `--from`, else the environment before the target; skipping one, or going
    /// backwards, needs `--skip-order`.
    private func sourceEnvironment(for target: Environment, in configuration: ProjectConfiguration) throws -> Environment {
        let order = configuration.environments.map(\.name)
        let targetIndex = order.firstIndex(of: target.name)!
        guard let source else {
            guard targetIndex > 0 else {
                throw AcmeError.usage("'\(target.name)' is the first environment: nothing is promoted into it; `acme-scan deploy` deploys there")
            }
            return configuration.environments[targetIndex - 1]
        }
        let environment = try DeployContext.environment(source, in: configuration, option: "--from")
        let sourceIndex = order.firstIndex(of: environment.name)!
        guard sourceIndex != targetIndex else { throw AcmeError.usage("--from and --to are both '\(target.name)'") }
        if sourceIndex != targetIndex - 1 && !skipOrder {
            let expected = targetIndex > 0 ? "'\(order[targetIndex - 1])'" : "no environment"
            throw AcmeError.usage("the promotion order is \(order.joined(separator: " -> ")): '\(target.name)' takes releases from \(expected), not '\(environment.name)' (--skip-order to do it anyway)")
        }
        return environment
    }

    /// The releases live in the source, one per commit, with the deployments they came from.
    private func releases(in live: [LiveDeployment], from source: Environment, branch: String) throws -> [(ReleaseToMove, [LiveDeployment])] {
        var chosen = live
        if !flows.isEmpty {
            chosen = try flows.map { name in
                guard let deployment = live.first(where: { $0.flow == name || DeploymentNaming.underscored($0.flow) == name }) else {
                    let hint = DidYouMean.suggestion(for: name, among: live.map(\.flow)).map { "; did you mean '\($0)'?" } ?? ""
                    throw AcmeError.usage("'\(name)' has no deployment of branch '\(branch)' in '\(source.name)' to promote\(hint)")
                }
                return deployment
            }
        }
        guard !chosen.isEmpty else {
            throw AcmeError.usage("nothing of branch '\(branch)' is deployed in '\(source.name)'; deploy it there first")
        }
        var byCommit: [String: [LiveDeployment]] = [:]
        for deployment in chosen {
            guard let commit = deployment.commit, commit.count == 40 else {
                throw AcmeError.usage("\(deployment.name) in '\(source.name)' carries no \(ReleaseTags.commit)= tag: it was not deployed by acme-scan; deploy it again")
            }
            byCommit[commit, default: []].append(deployment)
        }
        return byCommit.keys.sorted().map { commit in
            let deployments = byCommit[commit]!.sorted { $0.flow < $1.flow }
            let images = Dictionary(deployments.map { ($0.flow, $0.image) }, uniquingKeysWith: { first, _ in first })
            return (ReleaseToMove(commit: commit, branch: deployments.first?.branch ?? branch, images: images), deployments)
        }
    }

    /// `promote-requires = "completed-run"`: every source deployment has completed a run of its version.
    private func checkGate(_ deployments: [LiveDeployment], backend: any DeploymentBackend, source: String) async throws {
        var refused: [String] = []
        for deployment in deployments {
            do {
                if try await !backend.hasCompletedRun(deployment) {
                    refused.append("\(deployment.name): no completed run of \(deployment.version ?? "its version") in '\(source)'")
                }
            } catch {
                refused.append("\(deployment.name): \(error)")
            }
        }
        if !refused.isEmpty {
            throw AcmeError.usage("promote-requires = \"completed-run\" refuses: " + refused.joined(separator: "; "))
        }
    }
}
