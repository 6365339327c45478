import AirflowAPI
import DeploymentModel
import Foundation

/// Applying a plan to Airflow: publish the release once, wait for Airflow to parse
/// it, then judge every DAG and set its paused state. A failure anywhere leaves a
/// state a re-run converges from: the publish is all or nothing, and a re-run of
/// a commit that is already live only verifies (and pauses) again.
extension AirflowBackend {
    public func applyPlan(_ plan: [PlanItem], options: ApplyOptions, journal: JournalContext,
        log: @escaping @Sendable (String) -> Void) async -> [DeployResult]
    {
        var results = await rollout(plan, options: options, log: log)
        results.sort { ($0.flow, $0.deployment) < ($1.flow, $1.deployment) }
        await Engine.record(results, images: results.map { _ in nil }, journal: journal, environment: environment.name, log: log)
        return results
    }

    private func rollout(_ plan: [PlanItem], options: ApplyOptions, log: @escaping @Sendable (String) -> Void) async -> [DeployResult] {
        let wanted = plan.compactMap(\.desired)
        let deletions = plan.filter { $0.action == .delete }.compactMap(\.live)
        guard let release = wanted.first?.release, let commit = release.commit else {
            return await prune(deletions, commit: "")
        }
        let changing = plan.contains { $0.action != .unchanged && $0.action != .delete }
        if !changing && deletions.isEmpty {
            return plan.map { result(for: $0, .unchanged, commit: commit) }
        }
        let before: [AirflowDAG]
        let errorsBefore: [AirflowImportError]
        do {
            before = try await run { try await client.dags(bundle: bundle) }
            errorsBefore = try await run { try await client.importErrors(bundle: bundle) }
        } catch {
            return plan.map { result(for: $0, .failed, commit: commit, error: "nothing published: \(error)") }
        }
        let expected = wanted.map { ParseCheck.Expected(dagID: $0.flow, file: releasePath($0.file) ?? $0.file, tags: $0.fields.tags) }
        // Publish unless this commit is live already (a re-run after a failed check only checks again).
        let published: Bool
        let excluded: Set<String>
        do {
            (published, excluded) = try publish(release: release, commit: commit, expected: expected, options: options, log: log)
        } catch {
            return plan.map { result(for: $0, .failed, commit: commit, error: "nothing published: \(error)") }
        }
        var check = ParseCheck(mode: publisherMode(commit: commit), expected: expected, before: [:], errorsBefore: [],
            dynamicFiles: Set(dynamicFiles.compactMap(releasePath)))
        // A file --prune left out makes nothing any more: its DAGs go stale on Airflow's time.
        check.undeployed = undeployed(expected: expected).filter { !excluded.contains($0.value) }
        if published {
            check.before = Dictionary(before.map { ($0.dagID, $0) }, uniquingKeysWith: { first, _ in first })
            check.errorsBefore = Set(errorsBefore.map(ParseCheck.key))
            await requestParse(of: before)
        }
        let where_ = published ? "published \(String(commit.prefix(7))) (\(publishedWhere))" : "\(String(commit.prefix(7))) is live"
        let verdict: ParseCheck.Verdict
        do {
            verdict = try await waitForParse(check)
        } catch {
            return plan.map { result(for: $0, .failed, commit: commit, error: "\(where_), but not verified: \(error); run the command again to verify") }
        }
        var results: [DeployResult] = []
        for item in plan where item.desired != nil {
            switch verdict.outcomes[item.flow] {
            case .live(let dag)?:
                do {
                    if let paused = item.desired!.fields.paused, paused != dag.isPaused {
                        try await run { try await client.setPaused(dag.dagID, paused) }
                    }
                    results.append(result(for: item, action(of: item), commit: commit))
                } catch {
                    results.append(result(for: item, .failed, commit: commit, error: "\(where_) and loaded, but not (un)paused: \(error)"))
                }
            case .failed(let message)?:
                results.append(result(for: item, .failed, commit: commit, error: "\(where_): \(message)"))
            case nil:
                results.append(result(for: item, .failed, commit: commit,
                    error: "\(where_), but Airflow had not parsed it within \(parseTimeoutSeconds) s (check the dag-processor; parse-timeout sets the wait)"))
            }
        }
        for error in verdict.otherErrors {
            results.append(DeployResult(flow: error.filename, deployment: error.filename, action: .failed, commit: commit,
                version: wanted[0].fields.version, error: "\(where_): Airflow could not load \(error.filename): \(error.summary)"))
        }
        for dag in verdict.leftovers {
            let hint = if case .folder = publisher {
                "remove it from the commit, or deploy with --prune, which leaves out files making only such DAGs"
            } else { "remove it from the commit" }
            results.append(DeployResult(flow: dag.dagID, deployment: dag.dagID, action: .failed, commit: commit,
                version: wanted[0].fields.version,
                error: "left over: Airflow still loads it from \(dag.relativeFileloc ?? "?"), but acme-scan expects no such DAG of this release: \(hint)"))
        }
        if published && !verdict.pendingLeftovers.isEmpty {
            // Airflow 3.3.2 keeps a DAG whose id left a file that still exists live (measured: not stale after
            // minutes); one whose file is gone goes stale after [dag_processor] stale_dag_threshold.
            let names = verdict.pendingLeftovers
            let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", ... (\(names.count) in all)" : "")
            log("acme-scan: note: Airflow still lists DAGs of bundle '\(bundle)' that no file of this release makes: \(shown)")
        }
        results += await prune(deletions, commit: commit)
        return results
    }

    private var publishedWhere: String {
        switch publisher {
        case .folder(let folder): "dags-folder \(folder.link.path)"
        case .branch(let remote, let branch): "branch \(branch) of \(remote)"
        }
    }

    private func publisherMode(commit: String) -> ParseCheck.Mode {
        if case .branch = publisher { return .branch(commit: commit) }
        return .folder
    }

    /// Whether anything was published, and the files `--prune` left out of it.
    private func publish(release: ReleaseStamp, commit: String, expected: [ParseCheck.Expected], options: ApplyOptions,
        log: (String) -> Void) throws -> (Bool, Set<String>)
    {
        switch publisher {
        case .folder(let folder):
            if try folder.live()?.commit == commit { return (false, []) }
            let excluded = options.prune ? prunedFiles(expected: expected) : []
            if !excluded.isEmpty { log("acme-scan: --prune: leaving out \(excluded.sorted().joined(separator: ", "))") }
            if let publication { log("acme-scan: publishing \(String(commit.prefix(7))): \(publication.summary)") }
            let marker = ReleaseFolder.Marker(commit: commit, branch: release.branch, project: release.project, publishedAt: Clock.now())
            try folder.publish(marker) { destination in
                let source = environment.sourceFolder.map { projectRoot.appendingPathComponent($0) } ?? projectRoot
                try repository.extractProject(at: commit, projectFolder: source, into: destination)
                for file in excluded { try? FileManager.default.removeItem(at: destination.appendingPathComponent(file)) }
            }
            return (true, excluded)
        case .branch(let remote, let branch):
            let current = try repository.remoteBranch(branch, in: remote)
            if current == commit { return (false, []) }
            if let current, !options.force {
                if !repository.hasCommit(current) { _ = repository.fetch(branch, from: remote) }
                guard repository.isAncestor(current, of: commit) else {
                    throw BackendError("branch \(branch) of \(remote) holds \(String(current.prefix(7))), which \(String(commit.prefix(7))) does not descend from: not a fast-forward (--force moves it anyway)")
                }
            }
            guard repository.push(commit, to: remote, branch: branch, force: options.force) else {
                throw BackendError("git push of \(String(commit.prefix(7))) to branch \(branch) of \(remote) failed")
            }
            return (true, [])
        }
    }

    /// The release's DAGs (by the scan) that are not deployed here, by dag_id, with their file in the release.
    private func undeployed(expected: [ParseCheck.Expected]) -> [String: String] {
        let expectedIDs = Set(expected.map(\.dagID))
        var result: [String: String] = [:]
        for (dagID, file) in releaseDAGs where !expectedIDs.contains(dagID) {
            if let path = releasePath(file) { result[dagID] = path }
        }
        return result
    }

    /// `--prune` in dags-folder mode: files that make only DAGs this release does not deploy here.
    private func prunedFiles(expected: [ParseCheck.Expected]) -> Set<String> {
        let expectedFiles = Set(expected.map(\.file))
        return Set(undeployed(expected: expected).values.filter { !expectedFiles.contains($0) })
    }

    /// Files Airflow knows are parsed now rather than at its next interval; new files
    /// wait for its next listing (`[dag_processor] refresh_interval`).
    private func requestParse(of dags: [AirflowDAG]) async {
        var seen = Set<String>()
        for dag in dags where !dag.isStale {
            guard let token = dag.fileToken, let file = dag.relativeFileloc, seen.insert(file).inserted else { continue }
            try? await client.requestParse(fileToken: token)
        }
    }

    private func waitForParse(_ check: ParseCheck) async throws -> ParseCheck.Verdict {
        let deadline = ContinuousClock.now + parseTimeout
        while true {
            let dags = try await run { try await client.dags(bundle: bundle) }
            let errors = try await run { try await client.importErrors(bundle: bundle) }
            let verdict = check.evaluate(dags: dags, errors: errors)
            if verdict.settled || ContinuousClock.now >= deadline { return verdict }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// `--prune`: DAGs of the bundle no flow of the tree makes are deleted from Airflow's
    /// metadata once Airflow marked them stale (their file is gone), waiting for that up to
    /// `parse-timeout`; one a published file still makes fails, and one Airflow has not
    /// marked stale by then is left for the next run (Airflow deletes nothing live).
    private func prune(_ deletions: [LiveDeployment], commit: String) async -> [DeployResult] {
        var results: [DeployResult] = []
        var waiting = deletions
        let deadline = ContinuousClock.now + parseTimeout
        while !waiting.isEmpty {
            let dags: [String: AirflowDAG]
            do {
                dags = Dictionary(try await run { try await client.dags(bundle: bundle) }.map { ($0.dagID, $0) }, uniquingKeysWith: { a, _ in a })
            } catch {
                return results + waiting.map { result(deleting: $0, commit: commit, error: String(describing: error)) }
            }
            var still: [LiveDeployment] = []
            for live in waiting {
                guard let dag = dags[live.flow] else {
                    results.append(result(deleting: live, commit: commit, error: nil))
                    continue
                }
                if dag.isStale {
                    do {
                        try await delete(live)
                        results.append(result(deleting: live, commit: commit, error: nil))
                    } catch {
                        results.append(result(deleting: live, commit: commit, error: String(describing: error)))
                    }
                } else if let file = dag.relativeFileloc, isPublished(file) {
                    results.append(result(deleting: live, commit: commit, error: "not deleted: the release still has \(file), which makes it"))
                } else if ContinuousClock.now >= deadline {
                    results.append(result(deleting: live, commit: commit,
                        error: "not deleted: Airflow had not marked it stale within \(parseTimeoutSeconds) s; run again"))
                } else {
                    still.append(live)
                }
            }
            waiting = still
            if !waiting.isEmpty { try? await Task.sleep(for: .milliseconds(500)) }
        }
        return results
    }

    /// Whether the live release holds `file` (dags-folder mode; a branch's files are not at hand).
    private func isPublished(_ file: String) -> Bool {
        guard case .folder(let folder) = publisher else { return false }
        return FileManager.default.fileExists(atPath: folder.link.appendingPathComponent(file).path)
    }

    private func result(deleting live: LiveDeployment, commit: String, error: String?) -> DeployResult {
        DeployResult(flow: live.flow, deployment: live.name, action: error == nil ? .deleted : .failed, commit: live.commit ?? commit,
            version: live.version ?? "", error: error)
    }

    private func action(of item: PlanItem) -> DeployResult.Action {
        switch item.action {
        case .create: .created
        case .update: .updated
        case .unchanged: .unchanged
        case .delete: .deleted
        }
    }

    private func result(for item: PlanItem, _ action: DeployResult.Action, commit: String, error: String? = nil) -> DeployResult {
        DeployResult(flow: item.flow, deployment: item.deployment, action: action, commit: item.desired?.release.commit ?? commit,
            version: item.desired?.fields.version ?? item.live?.version ?? "", error: error,
            url: error == nil ? "\(client.baseURL)/dags/\(item.flow)" : nil)
    }
}
