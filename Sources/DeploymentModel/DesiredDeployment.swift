import FlowDiscovery
import ProjectConfiguration
import PythonSyntax

/// What acme-scan wants one flow to be in one environment, computed once from
/// the flows, acme.toml and git (``DesiredState``). `generate` renders it into
/// prefect.yaml and the Airflow files; the deployer applies it to a backend and
/// compares it with what the backend holds. Both read only this.
public struct DesiredDeployment: Sendable, Equatable {
    /// The flow's name (Prefect) or dag_id (Airflow), as acme.toml names it.
    public var flow: String
    public var kind: FlowKind
    public var environment: String
    public var backend: Backend
    /// `project--branch--flow--env` (acme-portal's convention), or the configured `deployment-name`.
    public var name: String
    /// The flow's file, relative to the project root.
    public var file: String
    /// The folder (relative to the project root, "" for the root) whose prefect.yaml holds the
    /// deployment (`prefect-yaml`).
    public var folder: String
    /// The folder `prefect deploy` runs in for that file: `fields.entrypoint` is relative to it.
    /// `folder` itself with `per-folder`; the project root ("") otherwise.
    public var deployFolder: String
    /// The release it ships.
    public var release: ReleaseStamp
    public var fields: DeploymentFields
    /// Build and push steps for `prefect deploy` (an image per commit). Not fields a backend
    /// stores: `prefect deploy` runs them on the deploying machine; acme-scan never does.
    public var build: [JSONValue]
    public var push: [JSONValue]

    public init(flow: String, kind: FlowKind, environment: String, backend: Backend, name: String, file: String,
        folder: String = "", deployFolder: String? = nil, release: ReleaseStamp, fields: DeploymentFields, build: [JSONValue] = [],
        push: [JSONValue] = [])
    {
        self.folder = folder
        self.deployFolder = deployFolder ?? folder
        self.build = build
        self.push = push
        self.release = release
        self.flow = flow
        self.kind = kind
        self.environment = environment
        self.backend = backend
        self.name = name
        self.file = file
        self.fields = fields
    }
}

/// Which project's release a deployment carries: what scopes a backend's
/// deployments to a project, and what promote and rollback move.
public struct ReleaseStamp: Sendable, Equatable {
    public var project: String
    public var branch: String
    /// The full SHA; nil only where git has none (generate outside a repository).
    public var commit: String?
    public var packageVersion: String

    public init(project: String, branch: String, commit: String?, packageVersion: String) {
        self.project = project
        self.branch = branch
        self.commit = commit
        self.packageVersion = packageVersion
    }
}

/// The settings a backend stores for a deployment, and that a plan compares.
public struct DeploymentFields: Sendable, Equatable {
    public var entrypoint: String
    public var description: String?
    /// `branch-shortsha`.
    public var version: String
    /// The configured tags, then the acme-portal tags and acme-scan's own (``ReleaseTags``).
    public var tags: [String]
    public var parameters: [String: JSONValue]
    public var parameterSchema: JSONValue
    public var workPool: String?
    public var workQueue: String?
    /// With `env.DEPLOYMENT_NAME` and, when an image is configured, `image`.
    public var jobVariables: [String: JSONValue]
    public var schedules: [Schedule]
    /// nil: leave it to the backend (Airflow's `is_paused_upon_creation`).
    public var paused: Bool?
    public var concurrencyLimit: Int?
    public var pullSteps: [JSONValue]

    public init(entrypoint: String, description: String? = nil, version: String, tags: [String] = [],
        parameters: [String: JSONValue] = [:], parameterSchema: JSONValue = ["type": "object", "properties": [:]],
        workPool: String? = nil, workQueue: String? = nil, jobVariables: [String: JSONValue] = [:], schedules: [Schedule] = [],
        paused: Bool? = nil, concurrencyLimit: Int? = nil, pullSteps: [JSONValue] = [])
    {
        self.entrypoint = entrypoint
        self.description = description
        self.version = version
        self.tags = tags
        self.parameters = parameters
        self.parameterSchema = parameterSchema
        self.workPool = workPool
        self.workQueue = workQueue
        self.jobVariables = jobVariables
        self.schedules = schedules
        self.paused = paused
        self.concurrencyLimit = concurrencyLimit
        self.pullSteps = pullSteps
    }

    /// The image the deployment runs (`job_variables.image`), if any.
    public var image: String? { jobVariables["image"]?.stringValue }
}

/// One field that differs between what a backend holds and what is wanted.
public struct FieldChange: Sendable, Equatable {
    public var field: String
    /// nil: the field is not set on that side.
    public var old: JSONValue?
    public var new: JSONValue?

    public init(field: String, old: JSONValue?, new: JSONValue?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

extension DeploymentFields {
    /// The fields as JSON, by name: what the local registry stores and what plans compare.
    public var json: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "entrypoint": .string(entrypoint), "version": .string(version), "tags": .array(tags.map(JSONValue.string)),
            "parameters": .object(parameters), "parameter_schema": parameterSchema, "job_variables": .object(jobVariables),
            "schedules": .array(schedules.map(\.prefectJSON)), "pull_steps": .array(pullSteps),
        ]
        if let description { object["description"] = .string(description) }
        if let workPool { object["work_pool"] = .string(workPool) }
        if let workQueue { object["work_queue"] = .string(workQueue) }
        if let paused { object["paused"] = .bool(paused) }
        if let concurrencyLimit { object["concurrency_limit"] = .int(concurrencyLimit) }
        return object
    }

    /// Reads back what ``json`` wrote; nil when it is not that shape.
    public init?(json: JSONValue) {
        guard let entrypoint = json["entrypoint"]?.stringValue, let version = json["version"]?.stringValue else { return nil }
        self.init(entrypoint: entrypoint, description: json["description"]?.stringValue, version: version,
            tags: json["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [], parameters: json["parameters"]?.objectValue ?? [:],
            parameterSchema: json["parameter_schema"] ?? [:], workPool: json["work_pool"]?.stringValue,
            workQueue: json["work_queue"]?.stringValue, jobVariables: json["job_variables"]?.objectValue ?? [:],
            schedules: (json["schedules"]?.arrayValue ?? []).compactMap(Schedule.init(prefectJSON:)),
            paused: { if case .bool(let flag)? = json["paused"] { flag } else { nil } }(),
            concurrencyLimit: { if case .int(let limit)? = json["concurrency_limit"] { limit } else { nil } }(),
            pullSteps: json["pull_steps"]?.arrayValue ?? [])
    }

    /// The fields that differ from `other`, by name, in name order.
    public func changes(to other: DeploymentFields) -> [FieldChange] {
        let old = json, new = other.json
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            old[key] == new[key] ? nil : FieldChange(field: key, old: old[key], new: new[key])
        }
    }
}
