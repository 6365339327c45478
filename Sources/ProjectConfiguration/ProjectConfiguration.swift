import FlowChecks
import FlowDiscovery
import Foundation
import PythonSyntax
import TOMLSyntax

/// Where a flow can be deployed.
public enum Backend: String, Sendable, CaseIterable {
    /// Run on this machine; nothing to generate.
    case local
    case prefect
    case airflow
}

/// One schedule of a Prefect deployment.
public struct Schedule: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        case cron(String)
        /// As written: seconds, an ISO 8601 duration or `HH:MM:SS`.
        case interval(JSONValue)
        case rrule(String)
    }

    public var rule: Rule
    public var timezone: String?
    public var active: Bool?
    public var anchorDate: String?
    /// The schedule's name within its deployment (Prefect matches schedules across deploys by it).
    public var slug: String?
    /// Values for this schedule's runs, over the deployment's parameters; nil: none.
    public var parameters: [String: JSONValue]?

    /// The `schedules:` item of prefect.yaml.
    public var prefectJSON: JSONValue {
        var object: [String: JSONValue] = [:]
        switch rule {
        case .cron(let expression): object["cron"] = .string(expression)
        case .interval(let value): object["interval"] = value
        case .rrule(let text): object["rrule"] = .string(text)
        }
        if let timezone { object["timezone"] = .string(timezone) }
        if let active { object["active"] = .bool(active) }
        if let anchorDate { object["anchor_date"] = .string(anchorDate) }
        if let slug { object["slug"] = .string(slug) }
        if let parameters { object["parameters"] = .object(parameters) }
        return .object(object)
    }

    /// Reads back a ``prefectJSON`` item.
    public init?(prefectJSON json: JSONValue) {
        if let cron = json["cron"]?.stringValue { rule = .cron(cron) }
        else if let interval = json["interval"] { rule = .interval(interval) }
        else if let rrule = json["rrule"]?.stringValue { rule = .rrule(rrule) }
        else { return nil }
        timezone = json["timezone"]?.stringValue
        if case .bool(let flag)? = json["active"] { active = flag }
        anchorDate = json["anchor_date"]?.stringValue
        slug = json["slug"]?.stringValue
        parameters = json["parameters"]?.objectValue
    }

    public init(rule: Rule, timezone: String? = nil, active: Bool? = nil, anchorDate: String? = nil, slug: String? = nil,
        parameters: [String: JSONValue]? = nil)
    {
        self.rule = rule
        self.timezone = timezone
        self.active = active
        self.anchorDate = anchorDate
        self.slug = slug
        self.parameters = parameters
    }
}

/// Deployment settings at one level: defaults, an environment, a flow, or a
/// flow in one environment. Unset values are nil, so levels can be layered.
public struct FlowSettings: Sendable, Equatable {
    public var deploy: Bool?
    public var description: String?
    public var tags: [String]?
    public var schedules: [Schedule]?
    public var parameters: [String: JSONValue]?
    public var paused: Bool?
    public var concurrencyLimit: Int?
    public var workPool: String?
    public var workQueue: String?
    public var jobVariables: [String: JSONValue]?
    public var image: String?
    public var pull: [JSONValue]?
    /// Steps `prefect deploy` runs before registering (build an image, push it); acme-scan only writes them.
    public var build: [JSONValue]?
    public var push: [JSONValue]?
    /// Replaces the `project--branch--flow--env` name.
    public var deploymentName: String?

    public init() {}

    /// Layers `self` under `over`: its values win; tags accumulate (in order, once
    /// each); parameters and job variables merge key by key, tables deeply.
    public func overlaid(with over: FlowSettings) -> FlowSettings {
        var result = self
        result.deploy = over.deploy ?? deploy
        result.description = over.description ?? description
        if let extra = over.tags {
            var seen = Set<String>()
            result.tags = ((tags ?? []) + extra).filter { seen.insert($0).inserted }
        }
        result.schedules = over.schedules ?? schedules
        if let extra = over.parameters { result.parameters = (parameters ?? [:]).merging(extra) { _, new in new } }
        result.paused = over.paused ?? paused
        result.concurrencyLimit = over.concurrencyLimit ?? concurrencyLimit
        result.workPool = over.workPool ?? workPool
        result.workQueue = over.workQueue ?? workQueue
        if let extra = over.jobVariables { result.jobVariables = Self.deepMerge(jobVariables ?? [:], extra) }
        result.image = over.image ?? image
        result.pull = over.pull ?? pull
        result.build = over.build ?? build
        result.push = over.push ?? push
        result.deploymentName = over.deploymentName ?? deploymentName
        return result
    }

    static func deepMerge(_ base: [String: JSONValue], _ over: [String: JSONValue]) -> [String: JSONValue] {
        base.merging(over) { old, new in
            if case .object(let oldMembers) = old, case .object(let newMembers) = new { return .object(deepMerge(oldMembers, newMembers)) }
            return new
        }
    }
}

public struct Environment: Sendable {
    public var name: String
    public var backend: Backend
    /// Prefect's or Airflow's API, for the deployer.
    public var apiURL: String?
    /// Airflow: the path acme-scan keeps as a link to the live release (dags-folder mode).
    public var dagsFolder: String?
    /// Airflow dags-folder mode: the project folder published as the dags folder's root, as
    /// acme.toml sets it or as inferred ("" for the whole project); nil: not set (yet).
    public var source: String?
    /// Airflow dags-folder mode without `source` in acme.toml: what the DAGs' imports say
    /// to publish (``DagImportRoot``), filled in from the scan by the commands that ship;
    /// `source` then holds its folder. Nil when acme.toml sets `source` (or not inferred yet).
    public var inferredSource: DagImportRoot.Decision?
    /// Airflow: the DAG bundle's name; with `repository`, a GitDagBundle tracking `branch`.
    public var bundle: String?
    public var repository: String?
    public var branch: String?
    /// Airflow: seconds to wait for a published release to be parsed.
    public var parseTimeout: Int?
    public var usernameVariable: String?
    public var passwordVariable: String?
    /// `registry`: where the journal, the lock and the local deployments are; nil for the top level's.
    public var registry: RegistrySetting?
    /// `registry-password-variable`; nil for the top level's.
    public var registryPasswordVariable: String?
    /// `promote-requires`: what a release must have done in the source environment to enter this one.
    public var promotionGate: PromotionGate?
    /// Names of the environment variables holding credentials (never the credentials).
    public var authStringVariable: String?
    public var apiKeyVariable: String?
    /// Prefect: `writes-in-flight`, the writes a deploy sends at once; nil for one.
    public var writesInFlight: Int?
    /// Settings for every flow in this environment.
    public var settings: FlowSettings
    public var location: TOMLLocation

    /// The project subfolder published as the dags folder; nil for the whole project.
    public var sourceFolder: String? { source.flatMap { $0.isEmpty ? nil : $0 } }
}

/// Where `generate` writes prefect.yaml (`prefect-yaml`), and where `prefect deploy` runs for it:
/// Prefect resolves entrypoints against the folder it runs in (it never changes folder).
public enum PrefectYAMLLayout: String, Sendable, CaseIterable {
    /// One file at the project root; entrypoints relative to the root.
    case root
    /// One file in each folder holding flows; entrypoints relative to that folder, where
    /// `prefect deploy` runs (a monorepo of pipeline folders, each deployed on its own).
    case perFolder = "per-folder"
    /// One file in each folder holding flows, deployed from the project root with
    /// `prefect deploy --prefect-file FOLDER/prefect.yaml`: entrypoints relative to the root
    /// (a monorepo whose CI deploys every pipeline's file from the repository root).
    case perFolderFromRoot = "per-folder-from-root"

    /// The folder (relative to the project root, "" for the root) whose prefect.yaml deploys `file`.
    public func folder(of file: String) -> String {
        guard self != .root, let slash = file.lastIndex(of: "/") else { return "" }
        return String(file[..<slash])
    }

    /// The folder `prefect deploy` runs in for the prefect.yaml that deploys `file`: its
    /// entrypoints, and a run's working folder after the default pull, are relative to it.
    public func deployFolder(of file: String) -> String {
        self == .perFolder ? folder(of: file) : ""
    }
}

public enum PromotionGate: String, Sendable {
    /// The source deployment has a completed run of the release's version.
    case completedRun = "completed-run"
}

/// Settings of one flow, overall and per environment.
public struct FlowConfiguration: Sendable {
    public var settings: FlowSettings
    public var environments: [String: FlowSettings]
    public var location: TOMLLocation
}

extension Backend {
    /// The backend a kind of flow deploys to besides `local`.
    public init(kind: FlowKind) {
        self = kind == .prefect ? .prefect : .airflow
    }
}

/// What the scan needs from the settings: read by every command that scans.
public struct DiscoverySettings: Sendable, Equatable {
    /// `airflow-version`, when the file sets it (else inferred, see ``AirflowTarget``).
    public var airflowVersion: Int?
    /// Where `airflow-version` is written, for the summary's "why".
    public var airflowVersionLocation: TOMLLocation?
    /// `dag-classes`: qualified names of classes to treat as DAG classes.
    public var dagClasses: [String] = []
    public init() {}
}

/// `check`'s settings: which rules run, at what severity, and the policy values.
public struct CheckSettings: Sendable, Equatable {
    public var select: [String] = []
    public var ignore: [String] = []
    /// Rule code or name -> severity.
    public var severity: [String: Severity] = [:]
    public var policy = CheckPolicy()
    public init() {}
}

/// acme.toml (or `[tool.acme-scan]`) resolved once for every command: discovery,
/// rule and project settings, and every problem found reading them. The project
/// part is its name, environments in promotion order, and deployment settings at
/// four levels, from weakest to strongest: defaults, environment, flow, flow in
/// environment. Which problems stop which command is decided per problem
/// (``problems(for:)``); problems that need the flows come from ``validate(against:)``.
public struct ProjectConfiguration: Sendable {
    /// The settings file, or nil when the project has none (every setting at its default).
    public var file: SettingsFile?
    /// The settings file, as messages print it.
    public var path: String
    /// The project root: the folder holding the settings file (else the folder searched from).
    public var folder: URL
    public var projectName: String
    /// `package-version`, else `[project].version` of pyproject.toml.
    public var packageVersion: String?
    /// `acme-scan-path`: the executable the acme-portal bridge runs; nil for the one pip installed beside the SDK, else on PATH.
    public var acmeScanPath: String?
    /// The top-level `registry`, for environments that name none; nil: `.acme-scan/registry.sqlite`.
    public var registry: RegistrySetting?
    /// The top-level `registry-password-variable`; nil: `PGPASSWORD`.
    public var registryPasswordVariable: String?
    public var environments: [Environment] = []
    public var defaults = FlowSettings()
    /// By flow name (a Prefect flow's name, an Airflow dag_id).
    public var flows: [String: FlowConfiguration] = [:]
    /// `prefect-yaml`: one file at the root, or one per folder holding flows.
    public var prefectYAMLLayout = PrefectYAMLLayout.root
    public var discovery = DiscoverySettings()
    public var check = CheckSettings()
    /// Problems found reading the file, in file order.
    public var readingProblems: [ConfigProblem] = []

    /// The defaults, for a project without a settings file.
    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
        path = SettingsFile.fileName
        projectName = self.folder.lastPathComponent
    }

    /// Finds the settings at or above `folder` and reads them; the defaults when
    /// there are none. Throws only when the file is not valid TOML.
    public static func load(from folder: URL) throws(SettingsFile.Invalid) -> ProjectConfiguration {
        guard let file = try SettingsFile.find(from: folder) else { return ProjectConfiguration(folder: folder) }
        return read(file)
    }

    /// The problems `reader` reports, with the severity they have for it, in file
    /// order: reading problems, plus those only the flows reveal when given.
    public func problems(for reader: SettingsReader, flows: [Flow]? = nil) -> [ConfigProblem] {
        ConfigProblem.weighed(readingProblems + (flows.map { validate(against: $0) } ?? []), for: reader)
    }

    public func environment(named name: String) -> Environment? { environments.first { $0.name == name } }

    /// The registry of `environment`: its own, else the top level's; nil for the embedded default.
    public func registry(for environment: Environment) -> RegistrySetting? { environment.registry ?? registry }

    /// The variable holding the PostgreSQL registry's password for `environment`.
    public func registryPasswordVariable(for environment: Environment) -> String {
        environment.registryPasswordVariable ?? registryPasswordVariable ?? "PGPASSWORD"
    }

    /// The settings for `flowName` in `environment`, all four levels layered.
    public func settings(forFlow flowName: String, in environment: Environment) -> FlowSettings {
        var result = defaults.overlaid(with: environment.settings)
        if let flow = flows[flowName] {
            result = result.overlaid(with: flow.settings)
            if let perEnvironment = flow.environments[environment.name] { result = result.overlaid(with: perEnvironment) }
        }
        return result
    }
}
