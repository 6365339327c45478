import AirflowAPI
import DeploymentModel
import Foundation
import ProjectConfiguration
import PythonSyntax

/// An Airflow 3 environment. Deploying a release is two halves: put the files of
/// its commit in front of Airflow (``ReleaseFolder`` in dags-folder mode, an
/// environment branch a GitDagBundle tracks in bundle mode), then prove over REST
/// v2 that Airflow loaded exactly the DAGs acme-scan's scan expects of that commit
/// (``ParseCheck``). The release is one unit, so this backend applies a whole plan.
public struct AirflowBackend: DeploymentBackend {
    public let environment: Environment
    let client: AirflowClient
    let repository: GitRepository
    let projectRoot: URL
    /// Files (relative to the project root) whose DAGs acme-scan cannot name.
    let dynamicFiles: Set<String>
    /// Every DAG the release's files make (dag_id -> file relative to the project root), by the scan.
    let releaseDAGs: [String: String]
    let publisher: Publisher

    enum Publisher {
        case folder(ReleaseFolder)
        case branch(repository: String, branch: String)
    }

    public static let defaultParseTimeout = 120

    /// The bundle the environment's DAGs are read from.
    var bundle: String {
        environment.bundle ?? "dags-folder"
    }

    public init(environment: Environment, projectRoot: URL, dynamicFiles: Set<String> = [], releaseDAGs: [String: String] = [:],
        variables: [String: String], logger: (@Sendable (String) -> Void)? = nil) throws
    {
        self.environment = environment
        self.projectRoot = projectRoot
        self.dynamicFiles = dynamicFiles
        self.releaseDAGs = releaseDAGs
        guard let repository = GitRepository(containing: projectRoot) else {
            throw BackendError("environment '\(environment.name)': \(projectRoot.path) is not in a git repository")
        }
        self.repository = repository
        if let folder = environment.dagsFolder {
            let path = folder.hasPrefix("/") ? folder : projectRoot.appendingPathComponent(folder).standardizedFileURL.path
            publisher = .folder(ReleaseFolder(path: path))
        } else if let remote = environment.repository {
            let isPath = !remote.contains("://") && !remote.contains("@")
            let location = isPath && !remote.hasPrefix("/") ? projectRoot.appendingPathComponent(remote).standardizedFileURL.path : remote
            publisher = .branch(repository: location, branch: environment.branch ?? "acme/\(environment.name)")
        } else {
            throw BackendError("environment '\(environment.name)': set dags-folder (the path Airflow's dags_folder is) or bundle with repository (a GitDagBundle) to deploy to Airflow")
        }
        do {
            let connection = try AirflowConnection.fromEnvironment(variables, apiURL: environment.apiURL,
                usernameVariable: environment.usernameVariable ?? AirflowConnection.usernameVariable,
                passwordVariable: environment.passwordVariable ?? AirflowConnection.passwordVariable)
            client = try AirflowClient(connection: connection, logger: logger)
        } catch {
            throw BackendError("environment '\(environment.name)': \(error)")
        }
    }

    /// `parse-timeout`, in seconds: how long to wait for Airflow after publishing, and for `--prune`.
    var parseTimeoutSeconds: Int { environment.parseTimeout ?? Self.defaultParseTimeout }
    var parseTimeout: Duration { .seconds(parseTimeoutSeconds) }

    // MARK: What Airflow holds

    /// The bundle's DAGs, stale ones included; each carries the commit Airflow has
    /// it from: the live release's (dags-folder), or its bundle_version.
    public func deployments(project: String) async throws -> [LiveDeployment] {
        let dags = try await run { try await client.dags(bundle: bundle) }
        let release = try liveRelease()
        return dags.map { live($0, release: release) }
    }

    /// The live release of a dags-folder (nil in bundle mode, or before the first publish).
    func liveRelease() throws -> (commit: String, branch: String?)? {
        guard case .folder(let folder) = publisher, let live = try folder.live() else { return nil }
        return (live.commit, live.marker?.branch)
    }

    func live(_ dag: AirflowDAG, release: (commit: String, branch: String?)?) -> LiveDeployment {
        let commit: String? = dag.isStale ? nil : (dag.bundleVersion ?? release?.commit)
        let branch = release?.branch
        let version = commit.map { "\(branch ?? "release")-\($0.prefix(7))" }
        let fields = DeploymentFields(entrypoint: dag.relativeFileloc ?? dag.fileloc ?? "", version: version ?? "", tags: dag.tags,
            paused: dag.isPaused)
        return LiveDeployment(id: dag.dagID, name: dag.dagID, flow: dag.dagID, environment: environment.name, branch: branch, commit: commit,
            version: version, paused: dag.isPaused, created: nil, updated: dag.lastParsedTime, url: "\(client.baseURL)/dags/\(dag.dagID)",
            fields: fields, native: .airflow(dag))
    }

    public func changes(from live: LiveDeployment, to desired: DesiredDeployment) -> [FieldChange] {
        var changes: [FieldChange] = []
        guard case .airflow(let dag)? = live.native else { return [FieldChange(field: "dag", old: nil, new: .string(desired.flow))] }
        if dag.isStale { changes.append(FieldChange(field: "is_stale", old: .bool(true), new: .bool(false))) }
        if live.commit != desired.release.commit {
            changes.append(FieldChange(field: "commit", old: live.commit.map(JSONValue.string), new: desired.release.commit.map(JSONValue.string)))
        }
        if let paused = desired.fields.paused, paused != dag.isPaused {
            changes.append(FieldChange(field: "is_paused", old: .bool(dag.isPaused), new: .bool(paused)))
        }
        let missing = desired.fields.tags.filter { !dag.tags.contains($0) }
        if !missing.isEmpty {
            changes.append(FieldChange(field: "tags", old: .array(dag.tags.map(JSONValue.string)), new: .array(desired.fields.tags.map(JSONValue.string))))
        }
        return changes
    }

    /// A project file's path in what Airflow reads: under `source` in dags-folder mode.
    func releasePath(_ file: String) -> String? {
        guard let source = environment.sourceFolder, environment.dagsFolder != nil else { return file }
        return file.hasPrefix(source + "/") ? String(file.dropFirst(source.count + 1)) : nil
    }

    /// What a deploy publishes, for the plan: the folder (as set, or inferred from the
    /// DAGs' imports, and why) and where it goes.
    public var publication: Publication? {
        switch publisher {
        case .branch(let repository, let branch):
            return Publication(source: ".", target: "branch \(branch) of \(repository)",
                reason: "a GitDagBundle checks out the whole commit (its subdir is Airflow's setting)")
        case .folder(let folder):
            let target = folder.link.path
            switch (environment.source.map { $0.isEmpty ? "." : $0 }, environment.inferredSource) {
            case (let source?, nil):
                return Publication(source: source, target: target, reason: "source = \"\(source)\" in acme.toml")
            case (let source?, let inferred?):
                return Publication(source: source, target: target, reason: "inferred (no source in acme.toml): \(inferred.explanation)")
            case (nil, let inferred?):
                return Publication(source: nil, target: target,
                    reason: "the DAGs' imports settle no folder: \(inferred.explanation); set source (deploy refuses until then)")
            case (nil, nil):
                return Publication(source: ".", target: target, reason: "no source: the whole project")
            }
        }
    }

    public func preflight(_ desired: [DesiredDeployment]) async throws -> [String] {
        var problems: [String] = []
        if environment.dagsFolder != nil, environment.source == nil, let inferred = environment.inferredSource {
            // The imports need more than one folder on sys.path: publishing any one of them fails some DAGs.
            problems.append("environment '\(environment.name)' sets no source, and the DAGs' imports do not settle it: \(inferred.explanation); "
                + "set source to the folder to publish as Airflow's dags folder")
        } else {
            let how = environment.inferredSource.map { "inferred from the DAGs' imports (\($0.explanation)); set source to publish another folder" }
                ?? "source = \"\(environment.source ?? ".")\" in acme.toml"
            for deployment in desired where releasePath(deployment.file) == nil {
                problems.append("\(deployment.flow) is in \(deployment.file), outside \(environment.sourceFolder ?? ".")/, which is all that is published to '\(environment.name)': \(how)")
            }
        }
        if Set(desired.compactMap(\.release.commit)).count > 1 {
            problems.append("an Airflow environment holds one release; these deployments come from \(Set(desired.compactMap(\.release.commit)).count) commits")
        }
        switch publisher {
        case .folder(let folder): problems += folder.problems()
        case .branch(let remote, let branch):
            do {
                _ = try repository.remoteBranch(branch, in: remote)
            } catch {
                problems.append("environment '\(environment.name)': \(error)")
            }
        }
        // Logs in, so a wrong password stops the deploy before anything is published.
        _ = try await run { try await client.serverVersion() }
        return problems
    }

    public func apply(_ desired: DesiredDeployment, replacing live: LiveDeployment?) async throws -> LiveDeployment {
        throw BackendError("an Airflow release is published whole (applyPlan), not one DAG at a time")
    }

    /// `--prune` of a DAG whose file the release no longer has: Airflow keeps a stale
    /// DAG's metadata and runs until it is deleted.
    public func delete(_ live: LiveDeployment) async throws {
        try await run { try await client.deleteDAG(live.flow) }
    }

    /// A successful run of the live release: in bundle mode one whose bundle_version is
    /// the commit; in dags-folder mode one that started after the release was published
    /// (a LocalDagBundle records no version, and the link holds one release at a time).
    public func hasCompletedRun(_ live: LiveDeployment) async throws -> Bool {
        let runs = try await run { try await client.dagRuns(live.flow, state: "success") }
        switch publisher {
        case .branch:
            return runs.contains { $0.bundleVersion != nil && $0.bundleVersion == live.commit }
        case .folder(let folder):
            guard let commit = live.commit, let published = folder.marker(of: commit)?.publishedAt else { return false }
            return runs.contains { ($0.startDate ?? "") >= published }
        }
    }

    /// An AirflowAPI error as the one line a backend reports.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as BackendError {
            throw error
        } catch {
            throw BackendError("environment '\(environment.name)': \(error)")
        }
    }
}
