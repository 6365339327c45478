import Deployer
import DeploymentModel
import FlowDiscovery
import Foundation
import ProjectConfiguration
import PythonSyntax

/// One release to move: a commit, the branch it was deployed from, and per flow
/// the image that was built for it. Promote takes it from the source environment,
/// rollback from the journal.
struct ReleaseToMove {
    var commit: String
    var branch: String
    /// Flow name -> the image its deployment ran; flows without one take none.
    var images: [String: String?]
    var flows: [String] { images.keys.sorted() }
}

/// The desired deployments of a commit in an environment, built from the tree at
/// that commit (read from git's objects; the working tree is not touched): its
/// flows and its acme.toml, with that environment's settings. `deploy --ref`
/// ships them; promote and rollback move a release with the image it shipped.
enum ReleaseBuild {
    /// Every deployment the tree at `commit` gives in the environment `name` of its acme.toml.
    static func all(commit: String, branch: String, environment name: String, context: DeployContext, log: Log) throws
        -> (environment: Environment, flows: [Flow], deployments: [DesiredDeployment])
    {
        let tree: (root: URL, project: URL)
        do {
            tree = try context.repository.exportTree(of: commit, projectFolder: context.root)
        } catch {
            throw AcmeError.usage(String(describing: error))
        }
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let short = String(commit.prefix(7))
        let configuration: ProjectConfiguration
        do {
            configuration = try ProjectConfiguration.load(from: tree.project)
        } catch {
            throw AcmeError.usage("at commit \(short): \(error.message)")
        }
        guard configuration.file != nil else { throw AcmeError.usage("commit \(short) has no acme.toml: nothing of it can be deployed") }
        guard var environment = configuration.environment(named: name) else {
            throw AcmeError.usage("the acme.toml of commit \(short) has no environment '\(name)' (added later? deploy a later commit)")
        }
        let settings = CommandSettings(configuration: configuration, reader: .deploy, overrides: context.settings.overrides)
        let flows: [Flow]
        do {
            flows = try FlowScanner(options: settings.scanOptions()).scan(root: tree.project).flows
        } catch {
            throw AcmeError.setup(String(describing: error))
        }
        let problems = configuration.problems(for: .deploy, flows: flows).filter { $0.severity == .error }
        if !problems.isEmpty {
            for problem in problems { log.write("at commit \(short): \(problem)") }
            throw AcmeError.usage("the acme.toml of commit \(short) has \(problems.count) error\(problems.count == 1 ? "" : "s")")
        }
        // The commit's own tree says what its DAGs import, whatever the working tree holds now.
        environment = AirflowSource.resolve(environment, flows: flows, root: tree.project, walk: settings.scanOptions().walk)
        let git = GitState(branch: branch, commit: commit, remote: context.git.remote)
        let packageVersion = configuration.packageVersion ?? GenerateJob.packageVersion(in: tree.project) ?? "unknown"
        let deployments = try DeployContext.desired(configuration: configuration, flows: flows, git: git, packageVersion: packageVersion,
            environment: environment, projectRoot: context.root, log: log)
        return (environment, flows, deployments)
    }

    /// The deployments of `release` in the environment `name`, each with the image it shipped.
    static func desired(_ release: ReleaseToMove, environment name: String, context: DeployContext, log: Log) throws
        -> (environment: Environment, deployments: [DesiredDeployment])
    {
        let built = try all(commit: release.commit, branch: release.branch, environment: name, context: context, log: log)
        // Airflow publishes a commit's whole tree, so every DAG of it moves together.
        if built.environment.backend == .airflow { return (built.environment, built.deployments) }
        var deployments: [DesiredDeployment] = []
        for flow in release.flows {
            guard var deployment = built.deployments.first(where: { $0.flow == flow }) else {
                throw AcmeError.usage("'\(flow)' is not deployable to '\(name)' at commit \(String(release.commit.prefix(7)))")
            }
            if let image = release.images[flow] ?? nil { deployment.fields.jobVariables["image"] = .string(image) }
            deployments.append(deployment)
        }
        return (built.environment, deployments)
    }
}
