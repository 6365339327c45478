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

/// The desired deployments of a release in an environment, built from the tree
/// at the release's commit (read from git's objects; the working tree is not
/// touched): its flows and its acme.toml, with that environment's settings.
/// Nothing is rebuilt: the image is the one the release shipped with.
enum ReleaseBuild {
    static func desired(_ release: ReleaseToMove, environment name: String, context: DeployContext, log: Log) throws
        -> (environment: Environment, deployments: [DesiredDeployment])
    {
        let tree: (root: URL, project: URL)
        do {
            tree = try context.repository.exportTree(of: release.commit, projectFolder: context.root)
        } catch {
            throw AcmeError.usage(String(describing: error))
        }
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let short = String(release.commit.prefix(7))
        let configuration: ProjectConfiguration
        do {
            configuration = try ProjectConfiguration.load(from: tree.project)
        } catch {
            throw AcmeError.usage("at commit \(short): \(error.message)")
        }
        guard configuration.file != nil else { throw AcmeError.usage("commit \(short) has no acme.toml: it cannot be promoted") }
        guard let environment = configuration.environment(named: name) else {
            throw AcmeError.usage("the acme.toml of commit \(short) has no environment '\(name)': promote a later release, or deploy one")
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
        let git = GitState(branch: release.branch, commit: release.commit, remote: context.git.remote)
        let packageVersion = configuration.packageVersion ?? GenerateJob.packageVersion(in: tree.project) ?? "unknown"
        let all = try DeployContext.desired(configuration: configuration, flows: flows, git: git, packageVersion: packageVersion,
            environment: environment, projectRoot: context.root, log: log)
        var deployments: [DesiredDeployment] = []
        for flow in release.flows {
            guard var deployment = all.first(where: { $0.flow == flow }) else {
                throw AcmeError.usage("'\(flow)' is not deployable to '\(name)' at commit \(short)")
            }
            if let image = release.images[flow] ?? nil { deployment.fields.jobVariables["image"] = .string(image) }
            deployments.append(deployment)
        }
        return (environment, deployments)
    }
}
