import Deployer
import FlowDiscovery
import DeploymentModel
import Foundation
import ProjectConfiguration
import PythonSyntax

/// `deployments --format`.
public enum DeploymentsFormat: String, Sendable, CaseIterable {
    case table
    case json
    /// The acme-portal SDK's DeploymentDetails list (joins FlowDetails on `flow_name`).
    case acmePortal = "acme-portal"
}

/// `acme-scan deployments`: the flows × environments matrix as the backends hold
/// it, with drift: an environment behind the one before it, a deployment changed
/// on the server by hand (what acme-scan would produce for its commit differs),
/// and deployments of the project that no flow produces any more.
public struct DeploymentsJob {
    public var path: String
    public var environments: [String]
    public var format: DeploymentsFormat
    public var discovery: DiscoveryOverrides
    /// Log each HTTP request to standard error (credentials redacted).
    public var verbose = false

    public init(path: String = ".", environments: [String] = [], format: DeploymentsFormat = .table,
        discovery: DiscoveryOverrides = DiscoveryOverrides())
    {
        self.path = path
        self.environments = environments
        self.format = format
        self.discovery = discovery
    }

    /// One cell of the matrix.
    struct Row {
        var live: LiveDeployment
        var drift: [String]
    }

    public func run(output: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
        log: Log = .standardError) async throws -> Int32
    {
        let context = try DeployContext.load(path: path, overrides: discovery, verbose: verbose, log: log)
        return try await DeployContext.closing(context.registries) { try await run(context, output: output, log: log) }
    }

    private func run(_ context: DeployContext, output: (String) -> Void, log: Log) async throws -> Int32 {
        let order = context.configuration.environments
        let selected = try environments.isEmpty ? order : environments.map { try context.environment($0) }
        var liveByEnvironment: [String: [LiveDeployment]] = [:]
        var status: Int32 = 0
        // The environment before each selected one is read too, to tell whether it is behind.
        let wanted = Set(selected.map(\.name))
        let needed = order.enumerated().filter { index, environment in
            wanted.contains(environment.name) || (index + 1 < order.count && wanted.contains(order[index + 1].name))
        }.map(\.element)
        for environment in needed {
            do {
                let backend = try await context.backend(environment)
                liveByEnvironment[environment.name] = try await backend.deployments(project: context.configuration.projectName)
            } catch {
                log.write("acme-scan: \(environment.name): \(error)")
                status = 1
            }
        }
        let current = Set(context.flows.compactMap(\.name))
        var rows: [Row] = []
        var orphans: [LiveDeployment] = []
        var expectations = ExpectedState(context: context, log: log)
        for environment in selected {
            guard let live = liveByEnvironment[environment.name] else { continue }
            let index = order.firstIndex { $0.name == environment.name }!
            let previous = index > 0 ? liveByEnvironment[order[index - 1].name] ?? [] : []
            let backend = try await context.backend(environment)
            for deployment in live.sorted(by: { ($0.flow, $0.name) < ($1.flow, $1.name) }) {
                guard current.contains(deployment.flow) else {
                    orphans.append(deployment)
                    continue
                }
                var drift: [String] = []
                // The acme-portal list has no place for drift, and finding it rebuilds every live
                // commit (git archive and a scan): seconds on a large project, on every refresh.
                guard format != .acmePortal else {
                    rows.append(Row(live: deployment, drift: drift))
                    continue
                }
                if let ahead = previous.first(where: { $0.flow == deployment.flow && $0.branch == deployment.branch }),
                    let mine = deployment.commit, let theirs = ahead.commit, mine != theirs,
                    context.repository.isAncestor(mine, of: theirs)
                {
                    drift.append("behind \(order[index - 1].name) (\(String(theirs.prefix(7))))")
                }
                if case .airflow(let dag)? = deployment.native, dag.isStale || dag.hasImportErrors {
                    // Airflow keeps a DAG whose file stopped making it (deleted, or failing to import) as stale.
                    drift.append(dag.hasImportErrors ? "import errors in \(dag.relativeFileloc ?? "its file") (stale in Airflow)"
                        : "stale in Airflow: no file of the live release makes it")
                } else {
                    drift += expectations.drift(of: deployment, in: environment, backend: backend)
                }
                rows.append(Row(live: deployment, drift: drift))
            }
        }
        output(render(rows, orphans: orphans, environments: selected, project: context.configuration.projectName))
        return status
    }

    private func render(_ rows: [Row], orphans: [LiveDeployment], environments: [Environment], project: String) -> String {
        switch format {
        case .json:
            func item(_ live: LiveDeployment, drift: [String]) -> JSONValue {
                .object([
                    "flow": .string(live.flow), "environment": .string(live.environment), "deployment": .string(live.name),
                    "commit": live.commit.map(JSONValue.string) ?? .null, "version": live.version.map(JSONValue.string) ?? .null,
                    "paused": live.paused.map(JSONValue.bool) ?? .null, "updated": live.updated.map(JSONValue.string) ?? .null,
                    "url": live.url.map(JSONValue.string) ?? .null, "schedule": .string(Self.scheduleSummary(live.fields.schedules)),
                    "tags": .array(live.tags.map(JSONValue.string)), "drift": .array(drift.map(JSONValue.string)),
                ])
            }
            return JSONValue.object([
                "environments": .array(environments.map { .string($0.name) }),
                "deployments": .array(rows.map { item($0.live, drift: $0.drift) }),
                "orphans": .array(orphans.map { item($0, drift: ["orphan: no flow of the tree produces it"]) }),
            ]).serialized() + "\n"
        case .acmePortal:
            return JSONValue.array((rows.map(\.live) + orphans).map { Self.deploymentDetails($0, project: project) }).serialized() + "\n"
        case .table:
            return table(rows, orphans: orphans, environments: environments)
        }
    }

    private func table(_ rows: [Row], orphans: [LiveDeployment], environments: [Environment]) -> String {
        let flows = Array(Set(rows.map(\.live.flow))).sorted()
        var lines: [String] = []
        let header = ["flow"] + environments.map(\.name)
        var cells: [[String]] = [header]
        for flow in flows {
            var line = [flow]
            for environment in environments {
                let here = rows.filter { $0.live.flow == flow && $0.live.environment == environment.name }
                line.append(here.isEmpty ? "-" : here.map { row in
                    var text = row.live.commit.map { String($0.prefix(7)) } ?? "?"
                    if row.live.paused == true { text += " paused" }
                    if !row.drift.isEmpty { text += " *" }
                    return text
                }.joined(separator: ", "))
            }
            cells.append(line)
        }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        for line in cells {
            lines.append(zip(line, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces))
        }
        let details = rows.filter { !$0.drift.isEmpty }
        if !details.isEmpty {
            lines.append("")
            for row in details { lines.append("* \(row.live.name): \(row.drift.joined(separator: "; "))") }
        }
        if !orphans.isEmpty {
            lines.append("")
            for orphan in orphans { lines.append("orphan \(orphan.environment)  \(orphan.name): no flow of the tree produces it (deploy --prune removes it)") }
        }
        if rows.isEmpty && orphans.isEmpty { lines = ["no deployments of this project"] }
        return lines.joined(separator: "\n") + "\n"
    }

    static func scheduleSummary(_ schedules: [Schedule]) -> String {
        guard !schedules.isEmpty else { return "none" }
        return schedules.map { schedule in
            var text: String
            switch schedule.rule {
            case .cron(let expression): text = "cron \(expression)"
            case .interval(let value): text = "every \(value.serialized(indent: nil))"
            case .rrule(let rule): text = "rrule \(rule)"
            }
            if let zone = schedule.timezone { text += " \(zone)" }
            if schedule.active == false { text += " (inactive)" }
            return text
        }.joined(separator: "; ")
    }

    /// acme-portal-sdk 1.2.0's DeploymentDetails (every field a string but `tags` and `child_attributes`).
    static func deploymentDetails(_ live: LiveDeployment, project: String) -> JSONValue {
        let tags = live.tags
        return .object([
            "name": .string(live.name), "project_name": .string(project), "branch": .string(live.branch ?? ""),
            "flow_name": .string(DeploymentNaming.underscored(live.flow)), "env": .string(live.environment),
            "commit_hash": .string(ReleaseTags.value(ReleaseTags.shortCommit, in: tags) ?? live.commit.map { String($0.prefix(7)) } ?? ""),
            "package_version": .string(ReleaseTags.value(ReleaseTags.packageVersion, in: tags) ?? ""),
            "tags": .array(tags.map(JSONValue.string)), "id": .string(live.id), "created_at": .string(live.created ?? ""),
            "updated_at": .string(live.updated ?? ""), "flow_id": .string(live.flow), "url": .string(live.url ?? ""),
            "child_attributes": .object([
                "commit": live.commit.map(JSONValue.string) ?? .null, "version": live.version.map(JSONValue.string) ?? .null,
                "paused": live.paused.map(JSONValue.bool) ?? .null, "schedule": .string(scheduleSummary(live.fields.schedules)),
                "image": live.image.map(JSONValue.string) ?? .null,
            ]),
        ])
    }
}

/// What acme-scan would produce for a live deployment's own commit and
/// environment, built once per commit, to tell a deployment changed by hand.
private struct ExpectedState {
    let context: DeployContext
    let log: Log
    private var built: [String: [DesiredDeployment]] = [:]

    init(context: DeployContext, log: Log) {
        self.context = context
        self.log = log
    }

    mutating func drift(of live: LiveDeployment, in environment: Environment, backend: any DeploymentBackend) -> [String] {
        // A GitDagBundle records the commit only; its branch is HEAD's for the rebuild's names.
        let isAirflow = environment.backend == .airflow
        guard let commit = live.commit, commit.count == 40, let branch = live.branch ?? (isAirflow ? context.git.branch : nil) else {
            return ["not deployed by acme-scan"]
        }
        let key = "\(commit) \(branch) \(environment.name)"
        if built[key] == nil {
            let release = ReleaseToMove(commit: commit, branch: branch, images: [:])
            var all: [DesiredDeployment] = []
            // Every deployable flow of that commit; a failure (commit not fetched) leaves the drift unknown.
            if let tree = try? context.repository.exportTree(of: commit, projectFolder: context.root) {
                defer { try? FileManager.default.removeItem(at: tree.root) }
                if let configuration = try? ProjectConfiguration.load(from: tree.project),
                    let target = configuration.environment(named: environment.name)
                {
                    let settings = CommandSettings(configuration: configuration, reader: .deploy, overrides: context.settings.overrides)
                    if let flows = try? FlowScanner(options: settings.scanOptions()).scan(root: tree.project).flows {
                        let git = GitState(branch: release.branch, commit: commit, remote: context.git.remote)
                        let version = configuration.packageVersion ?? GenerateJob.packageVersion(in: tree.project) ?? "unknown"
                        all = DesiredState(configuration: configuration, flows: flows, git: git, packageVersion: version,
                            projectRoot: context.root.path).deployments(in: [target]).deployments
                    }
                }
            }
            built[key] = all
        }
        guard var expected = built[key]?.first(where: { $0.name == live.name }) else {
            return ["unknown: acme-scan cannot rebuild \(String(commit.prefix(7))) here (not fetched?)"]
        }
        // The image is what the release shipped with, not a rebuild.
        if let image = live.image { expected.fields.jobVariables["image"] = .string(image) }
        let changes = backend.changes(from: live, to: expected)
        return changes.isEmpty ? [] : ["changed by hand: " + changes.map(\.field).joined(separator: ", ")]
    }
}
