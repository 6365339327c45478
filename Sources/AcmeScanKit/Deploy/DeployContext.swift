import DeployRegistry
import Deployer
import DeploymentModel
import FlowDiscovery
import Foundation
import ProjectConfiguration

/// What deploy, promote, rollback and the deployments matrix share: the project's
/// settings read for the deployer, its git repository, the flows of the working
/// tree, and the way to an environment's backend and registry.
struct DeployContext {
    let settings: CommandSettings
    let repository: GitRepository
    /// HEAD of the working tree.
    let git: GitState
    let flows: [Flow]
    /// `--verbose`: each HTTP request (method, URL, status, time), credentials redacted.
    let httpLog: (@Sendable (String) -> Void)?
    /// The registries this command opened (``closing(_:_:)`` closes them).
    let registries = RegistrySession()
    /// Where this command runs, for the journal and the lock.
    let origin = RunOrigin()

    var configuration: ProjectConfiguration { settings.configuration }
    var root: URL { configuration.folder }

    static func load(path: String, overrides: DiscoveryOverrides, verbose: Bool = false, log: Log) throws -> DeployContext {
        let start = URL(fileURLWithPath: path).standardizedFileURL
        var isLink = false
        guard FileWalker.kind(of: start.path, isLink: &isLink) == .directory else { throw AcmeError.missingPath(path) }
        let settings = try CommandSettings(from: start, reader: .deploy, overrides: overrides)
        guard settings.configuration.file != nil else {
            throw AcmeError.usage("no acme.toml or [tool.acme-scan] in pyproject.toml at or above \(path); `acme-scan init` writes one")
        }
        guard let repository = GitRepository(containing: settings.configuration.folder) else {
            throw AcmeError.usage("\(ScanJob.displayPath(settings.configuration.folder.path)) is not in a git repository: a release is a commit")
        }
        let git = GitRepository.state(of: settings.configuration.folder)
        guard git.commit != nil else { throw AcmeError.usage("the repository has no commit yet: commit the project, then deploy") }
        let flows = try ProjectFlows.load(settings, log: log)
        try settings.report(flows: flows, log: log)
        var httpLog: (@Sendable (String) -> Void)?
        if verbose { httpLog = { line in log.write(line) } }
        return DeployContext(settings: settings, repository: repository, git: git, flows: flows, httpLog: httpLog)
    }

    var packageVersion: String { configuration.packageVersion ?? GenerateJob.packageVersion(in: root) ?? "unknown" }

    /// `name`, or the first environment when nil; `option` names the flag in messages.
    func environment(_ name: String?, option: String = "--env") throws -> Environment {
        try Self.environment(name, in: configuration, option: option)
    }

    static func environment(_ name: String?, in configuration: ProjectConfiguration, option: String) throws -> Environment {
        guard let name else {
            guard let first = configuration.environments.first else {
                throw AcmeError.usage("\(configuration.path) has no [[environments]]: add one (backend = \"local\" needs no server)")
            }
            return first
        }
        guard let environment = configuration.environment(named: name) else {
            let hint = DidYouMean.suggestion(for: name, among: configuration.environments.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
            throw AcmeError.usage("\(option): no environment is named '\(name)'\(hint)")
        }
        return environment
    }

    /// The registry of `environment` (opened once per command; one that cannot be reached refuses here).
    func registry(_ environment: Environment) async throws -> any Registry {
        try await registries.registry(for: environment, in: configuration)
    }

    /// The environment's backend. `flows`: of the release (default: the working
    /// tree's), for the DAGs only Airflow can name. Only the local backend opens the
    /// registry here, so reading a server's deployments never needs it.
    func backend(_ environment: Environment, flows: [Flow]? = nil) async throws -> any DeploymentBackend {
        try backend(environment, flows: flows, registry: environment.backend == .local ? try await registry(environment) : nil)
    }

    /// The environment's backend, given its registry (nil: one that keeps nothing there).
    func backend(_ environment: Environment, flows: [Flow]? = nil, registry: (any Registry)?) throws -> any DeploymentBackend {
        let dags = (flows ?? self.flows).filter { $0.kind == .airflow }
        let dynamic = Set(dags.filter { $0.dynamic || $0.name == nil }.map(\.file))
        let named = Dictionary(dags.filter { !$0.dynamic }.compactMap { dag in dag.name.map { ($0, dag.file) } }, uniquingKeysWith: { first, _ in first })
        do {
            return try Backends.make(environment, projectRoot: root, registry: registry, dynamicFiles: dynamic,
                releaseDAGs: named, httpLog: httpLog)
        } catch {
            throw AcmeError.usage(String(describing: error))
        }
    }

    /// The journal of one command's run in one environment.
    func journal(_ registry: any Registry, action: String, fromEnvironment: String? = nil, dirty: Bool = false,
        lock: (any RegistryLock)?) -> JournalContext
    {
        JournalContext(registry: registry, project: configuration.projectName, who: who, action: action, fromEnvironment: fromEnvironment,
            dirty: dirty, origin: origin, lock: lock)
    }

    var who: String { GitRepository.user(in: root) }

    /// The desired deployments of `flows` in `environment` for `git`, refusing on any error.
    /// `projectRoot` is the working tree's root, also for a release read from git's
    /// objects into a temporary folder (a `set_working_directory` pull step names it).
    static func desired(configuration: ProjectConfiguration, flows: [Flow], git: GitState, packageVersion: String,
        environment: Environment, projectRoot: URL, log: Log) throws -> [DesiredDeployment]
    {
        let state = DesiredState(configuration: configuration, flows: flows, git: git, packageVersion: packageVersion,
            projectRoot: projectRoot.path)
        let (deployments, problems) = state.deployments(in: [environment])
        for problem in problems.sorted(by: ConfigProblem.inOrder) { log.write(problem.description) }
        let errors = problems.filter { $0.severity == .error }.count
        if errors > 0 { throw AcmeError.usage("\(errors) error\(errors == 1 ? "" : "s"); nothing deployed") }
        return deployments
    }

    /// The deployments of the named flows (a flow name, a dag_id, or the acme-portal
    /// underscore form); all of them when `names` is empty.
    static func select(_ names: [String], from deployments: [DesiredDeployment], allFlows: [Flow]) throws -> [DesiredDeployment] {
        guard !names.isEmpty else { return deployments }
        let known = Set(deployments.map(\.flow))
        var wanted = Set<String>()
        for name in names {
            if let match = known.first(where: { $0 == name || DeploymentNaming.underscored($0) == name }) {
                wanted.insert(match)
                continue
            }
            if allFlows.contains(where: { $0.name == name }) {
                throw AcmeError.usage("'\(name)' is not deployed to this environment (deploy = false, or its backend takes other flows)")
            }
            let hint = DidYouMean.suggestion(for: name, among: known.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            throw AcmeError.usage("no deployable flow or DAG is named '\(name)'\(hint)")
        }
        return deployments.filter { wanted.contains($0.flow) }
    }
}
