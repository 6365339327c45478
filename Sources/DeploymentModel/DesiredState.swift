import FlowDiscovery
import ProjectConfiguration
import PythonSyntax
import TOMLSyntax

/// Computes the desired deployments: one per deployable flow in each environment
/// whose backend takes its kind, with every setting layered and every release
/// field (version, tags, image, pull step) filled in from git.
public struct DesiredState: Sendable {
    public var configuration: ProjectConfiguration
    public var flows: [Flow]
    public var git: GitState
    public var packageVersion: String
    /// The project root as a `set_working_directory` pull step names it (no remote to clone).
    public var projectRoot: String

    public init(configuration: ProjectConfiguration, flows: [Flow], git: GitState, packageVersion: String, projectRoot: String) {
        self.configuration = configuration
        self.flows = flows
        self.git = git
        self.packageVersion = packageVersion
        self.projectRoot = projectRoot
    }

    /// The deployments for `environments` (promotion order, then manifest order),
    /// and problems: flows left out (warnings) and settings that cannot be shipped (errors).
    public func deployments(in environments: [Environment]) -> (deployments: [DesiredDeployment], problems: [ConfigProblem]) {
        var result: [DesiredDeployment] = []
        var problems: [ConfigProblem] = []
        var selected: [FlowKind: [Flow]] = [:]
        for kind in FlowKind.allCases where environments.contains(where: { $0.accepts(kind) }) {
            let (flows, leftOut) = DeployableFlows.select(kind, from: flows)
            selected[kind] = flows
            problems += leftOut
        }
        for environment in environments {
            for kind in FlowKind.allCases where environment.accepts(kind) {
                for flow in selected[kind] ?? [] {
                    let settings = configuration.settings(forFlow: flow.name!, in: environment)
                    if settings.deploy == false { continue }
                    switch desired(flow, in: environment, settings) {
                    case .success(let deployment): result.append(deployment)
                    case .failure(let problem): problems.append(problem)
                    }
                }
            }
        }
        return (result, problems + collisions(in: result))
    }

    /// Two deployments that would overwrite each other: one name twice in one environment,
    /// or one flow's deployment name twice in one prefect.yaml (`prefect deploy --all` sends
    /// the whole file to one server). Only a configured `deployment-name` can collide.
    private func collisions(in deployments: [DesiredDeployment]) -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        var seenInEnvironment = Set<[String]>()
        var seenInFile: [[String]: String] = [:]
        for deployment in deployments {
            let location = configuration.flows[deployment.flow]?.location
                ?? configuration.environment(named: deployment.environment)?.location ?? TOMLLocation(line: 1, column: 1)
            let scope = deployment.backend == .local ? [deployment.environment, deployment.name]
                : [deployment.environment, deployment.flow, deployment.name]
            if !seenInEnvironment.insert(scope).inserted {
                problems.append(problem("deployment name '\(deployment.name)' is used twice in '\(deployment.environment)'", at: location))
            }
            guard deployment.backend == .prefect else { continue }
            let key = [deployment.folder, deployment.flow, deployment.name]
            if let other = seenInFile[key], other != deployment.environment {
                let file = deployment.folder.isEmpty ? "prefect.yaml" : "\(deployment.folder)/prefect.yaml"
                problems.append(problem("flow '\(deployment.flow)' has the deployment name '\(deployment.name)' in '\(other)' and '\(deployment.environment)': "
                    + "they would overwrite each other in \(file); give each environment its own deployment-name", at: location))
            }
            seenInFile[key] = seenInFile[key] ?? deployment.environment
        }
        return problems
    }

    private func desired(_ flow: Flow, in environment: Environment, _ settings: FlowSettings) -> Result<DesiredDeployment, ConfigProblem> {
        // On Airflow the deployment is the DAG itself, known by its dag_id; one release is live per environment.
        let name = environment.backend == .airflow ? flow.name!
            : settings.deploymentName ?? DeploymentNaming.name(project: configuration.projectName, branch: git.branch, flow: flow.name!,
                environment: environment.name)
        let version = git.shortCommit.map { "\(git.branch)-\($0)" } ?? git.branch
        let release = ReleaseStamp(project: configuration.projectName, branch: git.branch, commit: git.commit, packageVersion: packageVersion)
        let folder = configuration.prefectYAMLLayout.folder(of: flow.file)
        let deployFolder = configuration.prefectYAMLLayout.deployFolder(of: flow.file)
        let entrypoint = deployFolder.isEmpty ? flow.entrypoint : String(flow.entrypoint.dropFirst(deployFolder.count + 1))
        var deployment = DesiredDeployment(flow: flow.name!, kind: flow.kind, environment: environment.name, backend: environment.backend,
            name: name, file: flow.file, folder: folder, deployFolder: deployFolder, release: release,
            fields: DeploymentFields(entrypoint: entrypoint, version: version))
        if flow.kind == .airflow {
            // The DAG's code owns everything else; acme-scan sets the paused state and checks the tags.
            deployment.fields.entrypoint = flow.file
            deployment.fields.tags = settings.tags ?? []
            deployment.fields.paused = settings.paused
            return .success(deployment)
        }
        if environment.backend == .prefect && settings.workPool == nil {
            return .failure(problem("no work pool for flow '\(flow.name!)' in '\(environment.name)': set work-pool in the environment, [defaults] or the flow",
                at: environment.location))
        }
        var fields = deployment.fields
        fields.description = settings.description ?? flow.description
        fields.tags = (settings.tags ?? []) + ReleaseTags.tags(project: configuration.projectName, git: git,
            packageVersion: packageVersion, environment: environment.name)
        fields.parameters = DeployableFlows.parameters(settings, for: flow)
        fields.parameterSchema = flow.parameterSchema
        fields.workPool = settings.workPool
        fields.workQueue = settings.workQueue
        var jobVariables = settings.jobVariables ?? [:]
        if let template = settings.image {
            switch ImageTemplate.expand(template, git: git) {
            case .success(let image): jobVariables["image"] = .string(image)
            case .failure(let message):
                return .failure(problem("image of flow '\(flow.name!)' in '\(environment.name)': \(message)", at: environment.location))
            }
        }
        if let env = jobVariables["env"], env.objectValue == nil {
            return .failure(problem("job-variables.env of flow '\(flow.name!)' in '\(environment.name)' must be a table of environment variables",
                at: environment.location))
        }
        var environmentVariables = jobVariables["env"]?.objectValue ?? [:]
        environmentVariables["DEPLOYMENT_NAME"] = .string(name)
        jobVariables["env"] = .object(environmentVariables)
        fields.jobVariables = jobVariables
        fields.schedules = DeployableFlows.schedules(settings, for: flow)
        fields.paused = settings.paused ?? false
        fields.concurrencyLimit = settings.concurrencyLimit
        fields.pullSteps = settings.pull ?? defaultPull(folder: deployFolder)
        deployment.build = settings.build ?? []
        deployment.push = settings.push ?? []
        if let message = PullSteps.problem(fields.pullSteps) {
            return .failure(problem("pull steps of flow '\(flow.name!)' in '\(environment.name)': \(message)", at: environment.location))
        }
        deployment.fields = fields
        return .success(deployment)
    }

    /// Clone the exact commit when there is a remote; otherwise run from the project folder.
    /// `git_clone` takes a branch or a commit, never both (Prefect raises ValueError when a run starts).
    /// A prefect.yaml deployed from a subfolder has entrypoints relative to it, so runs start there:
    /// after the clone, in the clone's copy of that folder (`git_clone` returns its `directory`).
    /// One deployed from the root (`per-folder-from-root`) runs from the clone's root.
    private func defaultPull(folder: String) -> [JSONValue] {
        if let remote = git.remote {
            var clone: [String: JSONValue] = ["repository": .string(remote)]
            if let commit = git.commit { clone["commit_sha"] = .string(commit) } else { clone["branch"] = .string(git.branch) }
            if folder.isEmpty { return [["prefect.deployments.steps.git_clone": .object(clone)]] }
            clone["id"] = "clone"
            return [["prefect.deployments.steps.git_clone": .object(clone)],
                ["prefect.deployments.steps.set_working_directory": ["directory": .string("{{ clone.directory }}/\(folder)")]]]
        }
        let directory = folder.isEmpty ? projectRoot : projectRoot + "/" + folder
        return [["prefect.deployments.steps.set_working_directory": ["directory": .string(directory)]]]
    }

    private func problem(_ message: String, at location: TOMLLocation) -> ConfigProblem {
        ConfigProblem(.error, message, path: configuration.path, at: location)
    }
}

extension Environment {
    /// Whether the environment's backend deploys flows of `kind`: Prefect flows to
    /// Prefect, DAGs to Airflow, both to the embedded registry.
    public func accepts(_ kind: FlowKind) -> Bool {
        backend == .local || backend == Backend(kind: kind)
    }
}

/// The flows of one kind that can be deployed, and problems with the others:
/// a flow needs a static name, must exist at import (not made in a function or
/// loop), must not be test code, and, for Airflow, must be registered; two flows may not share a name.
public enum DeployableFlows {
    public static func select(_ kind: FlowKind, from flows: [Flow]) -> ([Flow], [ConfigProblem]) {
        var problems: [ConfigProblem] = []
        var selected: [Flow] = []
        // Test code (pytest's files and test functions) builds throwaway flows: never deployed, and not worth a warning each.
        for flow in flows.sorted(by: Flow.manifestOrder) where flow.kind == kind && !flow.testCode {
            let location = TOMLLocation(line: flow.line, column: flow.column)
            if flow.name == nil {
                problems.append(ConfigProblem(.warning, "\(flow.function) is left out: its name is not known without running the code",
                    path: flow.file, at: location))
            } else if flow.dynamic {
                problems.append(ConfigProblem(.warning, "'\(flow.name!)' is left out: it is made inside a function or loop",
                    path: flow.file, at: location))
            } else if kind == .airflow, flow.metadata["airflow"]?["registered"] == .bool(false) {
                problems.append(ConfigProblem(.warning, "'\(flow.name!)' is left out: Airflow does not register it",
                    path: flow.file, at: location))
            } else {
                selected.append(flow)
            }
        }
        for (name, group) in Dictionary(grouping: selected, by: { $0.name! }) where group.count > 1 {
            let places = group.map { "\($0.file):\($0.line)" }.joined(separator: ", ")
            problems.append(ConfigProblem(.error, "\(group.count) flows are named '\(name)' (\(places)); deployment names would collide",
                path: group[1].file, at: TOMLLocation(line: group[1].line, column: group[1].column)))
        }
        return (selected, problems)
    }

    /// The configured flow-level settings that apply, taken by the flow's signature:
    /// defaults and environment parameters only go to flows that take them.
    public static func parameters(_ settings: FlowSettings, for flow: Flow) -> [String: JSONValue] {
        let names = Set(flow.schemaParameterNames)
        return (settings.parameters ?? [:]).filter { names.contains($0.key) }
    }

    /// The schedules, each schedule's parameters taken by the signature like the deployment's.
    public static func schedules(_ settings: FlowSettings, for flow: Flow) -> [Schedule] {
        let names = Set(flow.schemaParameterNames)
        return (settings.schedules ?? []).map { schedule in
            var schedule = schedule
            schedule.parameters = schedule.parameters?.filter { names.contains($0.key) }
            return schedule
        }
    }
}
