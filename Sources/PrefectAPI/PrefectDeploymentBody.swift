import PythonSyntax

/// The deployment we send: the complete desired state, every field present.
///
/// `POST /api/deployments/` upserts on (flow_id, name) and keeps the stored
/// value of any field left out, except schedules (recreated from the body) and
/// parameters (reset to `{}`), so a partial body silently mixes old and new
/// (shared/reference/prefect.md §6.3). `json` therefore always carries every
/// field, null where unset. Cloud-only fields (`branch`, `base`, `root`) are
/// never sent: the open-source server answers them with 422.
public struct PrefectDeploymentBody: Sendable, Equatable {
    public var name: String
    public var flowID: String
    public var entrypoint: String?
    public var description: String?
    public var version: String?
    public var tags: [String]
    public var parameters: [String: JSONValue]
    /// Nil is stored as null; `{}` as Prefect's empty object schema.
    public var parameterOpenAPISchema: JSONValue?
    public var enforceParameterSchema: Bool
    public var workPoolName: String?
    /// Nil with a pool: the pool's "default" queue.
    public var workQueueName: String?
    public var jobVariables: [String: JSONValue]
    public var schedules: [PrefectSchedule]
    public var pullSteps: [JSONValue]
    public var paused: Bool
    /// Stored by the server as a global concurrency limit named `deployment:<id>`.
    public var concurrencyLimit: Int?
    public var concurrencyOptions: ConcurrencyOptions?

    public init(name: String, flowID: String, entrypoint: String? = nil, description: String? = nil,
        version: String? = nil, tags: [String] = [], parameters: [String: JSONValue] = [:],
        parameterOpenAPISchema: JSONValue? = ["type": "object", "properties": [:]],
        enforceParameterSchema: Bool = true, workPoolName: String? = nil, workQueueName: String? = nil,
        jobVariables: [String: JSONValue] = [:], schedules: [PrefectSchedule] = [], pullSteps: [JSONValue] = [],
        paused: Bool = false, concurrencyLimit: Int? = nil, concurrencyOptions: ConcurrencyOptions? = nil)
    {
        self.name = name
        self.flowID = flowID
        self.entrypoint = entrypoint
        self.description = description
        self.version = version
        self.tags = tags
        self.parameters = parameters
        self.parameterOpenAPISchema = parameterOpenAPISchema
        self.enforceParameterSchema = enforceParameterSchema
        self.workPoolName = workPoolName
        self.workQueueName = workQueueName
        self.jobVariables = jobVariables
        self.schedules = schedules
        self.pullSteps = pullSteps
        self.paused = paused
        self.concurrencyLimit = concurrencyLimit
        self.concurrencyOptions = concurrencyOptions
    }

    public var json: JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return .object([
            "name": .string(name),
            "flow_id": .string(flowID),
            "entrypoint": optional(entrypoint),
            "description": optional(description),
            "version": optional(version),
            "tags": .array(tags.map(JSONValue.string)),
            "parameters": .object(parameters),
            "parameter_openapi_schema": parameterOpenAPISchema ?? .null,
            "enforce_parameter_schema": .bool(enforceParameterSchema),
            "work_pool_name": optional(workPoolName),
            "work_queue_name": optional(workQueueName),
            "job_variables": .object(jobVariables),
            "schedules": .array(schedules.map(\.json)),
            "pull_steps": .array(pullSteps),
            "paused": .bool(paused),
            "concurrency_limit": concurrencyLimit.map(JSONValue.int) ?? .null,
            "concurrency_options": concurrencyOptions?.json ?? .null,
        ])
    }
}

/// What happens to a run started while the deployment's concurrency limit is full.
public struct ConcurrencyOptions: Sendable, Equatable {
    public enum CollisionStrategy: String, Sendable, CaseIterable {
        case enqueue = "ENQUEUE"
        case cancelNew = "CANCEL_NEW"
    }

    public var collisionStrategy: CollisionStrategy
    /// At least 60 (the server's minimum).
    public var gracePeriodSeconds: Int?

    public init(collisionStrategy: CollisionStrategy, gracePeriodSeconds: Int? = nil) {
        self.collisionStrategy = collisionStrategy
        self.gracePeriodSeconds = gracePeriodSeconds
    }

    public var json: JSONValue {
        ["collision_strategy": .string(collisionStrategy.rawValue),
         "grace_period_seconds": gracePeriodSeconds.map(JSONValue.int) ?? .null]
    }
}
