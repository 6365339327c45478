import PythonSyntax
import RESTClient

/// A deployment as the server holds it (`DeploymentResponse`).
public struct LiveDeployment: Sendable, Equatable {
    public var id: String
    public var flowID: String
    public var name: String
    /// ISO 8601 timestamps, as the server wrote them.
    public var created: String?
    public var updated: String?
    public var entrypoint: String?
    public var description: String?
    public var version: String?
    public var tags: [String]
    /// The server adds `prefect.flow.id`; we send none, and compare none.
    public var labels: [String: JSONValue]
    public var parameters: [String: JSONValue]
    public var parameterOpenAPISchema: JSONValue?
    public var enforceParameterSchema: Bool
    public var workPoolName: String?
    public var workQueueName: String?
    public var jobVariables: [String: JSONValue]
    public var schedules: [LiveSchedule]
    /// Null when a client sent null; we always send a list.
    public var pullSteps: [JSONValue]?
    public var paused: Bool
    /// The limit of the deployment's global concurrency limit: the server turns
    /// `concurrency_limit: n` into one and answers `concurrency_limit: null`.
    public var concurrencyLimit: Int?
    public var concurrencyOptions: ConcurrencyOptions?
    public var status: String?

    public init(json: JSONValue) throws(JSONShapeError) {
        let fields = try JSONFields(json, "deployment")
        id = try fields.requiredString("id")
        let what = "deployment \(id)"
        let named = try JSONFields(json, what)
        flowID = try named.requiredString("flow_id")
        name = try named.requiredString("name")
        created = try named.string("created")
        updated = try named.string("updated")
        entrypoint = try named.string("entrypoint")
        description = try named.string("description")
        version = try named.string("version")
        tags = try named.strings("tags") ?? []
        labels = try named.object("labels") ?? [:]
        parameters = try named.object("parameters") ?? [:]
        parameterOpenAPISchema = named.members["parameter_openapi_schema"].flatMap { $0 == .null ? nil : $0 }
        enforceParameterSchema = try named.bool("enforce_parameter_schema") ?? true
        workPoolName = try named.string("work_pool_name")
        workQueueName = try named.string("work_queue_name")
        jobVariables = try named.object("job_variables") ?? [:]
        var schedules: [LiveSchedule] = []
        for item in try named.array("schedules") ?? [] {
            let itemFields = try JSONFields(item, "\(what): schedule")
            schedules.append(LiveSchedule(id: try itemFields.string("id"), schedule: try PrefectSchedule(live: item)))
        }
        self.schedules = schedules
        pullSteps = try named.array("pull_steps")
        paused = try named.bool("paused") ?? false
        if let limit = try named.int("concurrency_limit") {
            concurrencyLimit = limit
        } else if let global = try named.object("global_concurrency_limit") {
            concurrencyLimit = try JSONFields(.object(global), "\(what): global_concurrency_limit").int("limit")
        } else {
            concurrencyLimit = nil
        }
        if let options = try named.object("concurrency_options") {
            let optionFields = try JSONFields(.object(options), "\(what): concurrency_options")
            let strategy = try optionFields.requiredString("collision_strategy")
            guard let known = ConcurrencyOptions.CollisionStrategy(rawValue: strategy) else {
                throw JSONShapeError("\(what): unknown collision_strategy '\(strategy)'")
            }
            concurrencyOptions = ConcurrencyOptions(collisionStrategy: known,
                gracePeriodSeconds: try optionFields.int("grace_period_seconds"))
        } else {
            concurrencyOptions = nil
        }
        status = try named.string("status")
    }
}

public struct LiveSchedule: Sendable, Equatable {
    public var id: String?
    public var schedule: PrefectSchedule
}
