import PythonSyntax

/// One field whose live value differs from the desired one. Values are JSON
/// as the server spells them (`old`) and as it would store ours (`new`).
public struct FieldChange: Sendable, Equatable, CustomStringConvertible {
    /// The REST field's name, e.g. `schedules`, `concurrency_limit`.
    public let field: String
    public let old: JSONValue
    public let new: JSONValue

    public init(field: String, old: JSONValue, new: JSONValue) {
        self.field = field
        self.old = old
        self.new = new
    }

    public var description: String {
        "\(field): \(old.serialized(indent: nil)) -> \(new.serialized(indent: nil))"
    }
}

/// The fields in which `live` differs from what the server would hold after
/// upserting `desired`, sorted by field name. Empty means an upsert would
/// change nothing, so the deployer sends nothing.
///
/// The server's own rewrites (`ReadBack`) are applied to `desired` first, so a
/// deployment just upserted from `desired` compares equal, and any field
/// changed on the server since is named. Schedules are compared as a set: the
/// server returns them newest first, not in the order sent. Fields we never
/// send (labels, ids, timestamps, status) are not compared.
public func changes(from live: LiveDeployment, to desired: PrefectDeploymentBody) -> [FieldChange] {
    func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    var result: [FieldChange] = []
    func compare(_ field: String, _ old: JSONValue, _ new: JSONValue) {
        if old != new { result.append(FieldChange(field: field, old: old, new: new)) }
    }
    compare("concurrency_limit", live.concurrencyLimit.map(JSONValue.int) ?? .null,
        desired.concurrencyLimit.map(JSONValue.int) ?? .null)
    compare("concurrency_options", live.concurrencyOptions?.json ?? .null, desired.concurrencyOptions?.json ?? .null)
    compare("description", text(live.description), text(desired.description))
    compare("enforce_parameter_schema", .bool(live.enforceParameterSchema), .bool(desired.enforceParameterSchema))
    compare("entrypoint", text(live.entrypoint), text(desired.entrypoint))
    compare("flow_id", .string(live.flowID), .string(desired.flowID))
    compare("job_variables", .object(live.jobVariables), .object(desired.jobVariables))
    compare("name", .string(live.name), .string(desired.name))
    compare("parameter_openapi_schema", live.parameterOpenAPISchema ?? .null,
        ReadBack.parameterSchema(desired.parameterOpenAPISchema))
    compare("parameters", .object(live.parameters), .object(desired.parameters))
    compare("paused", .bool(live.paused), .bool(desired.paused))
    compare("pull_steps", live.pullSteps.map(JSONValue.array) ?? .null, .array(desired.pullSteps))
    if !ScheduleMatching.sameSchedules(live: live.schedules.map(\.schedule), desired: desired.schedules) {
        result.append(FieldChange(field: "schedules",
            old: ScheduleMatching.display(live.schedules.map(\.schedule)),
            new: ScheduleMatching.display(desired.schedules.map(ScheduleMatching.expected))))
    }
    compare("tags", .array(live.tags.map(JSONValue.string)), .array(desired.tags.map(JSONValue.string)))
    compare("version", text(live.version), text(desired.version))
    compare("work_pool_name", text(live.workPoolName),
        text(ReadBack.workPool(pool: desired.workPoolName, queue: desired.workQueueName)))
    compare("work_queue_name", text(live.workQueueName),
        text(ReadBack.workQueue(pool: desired.workPoolName, queue: desired.workQueueName)))
    return result
}

enum ScheduleMatching {
    /// A desired schedule as the server would store it, except for the parts
    /// the server picks itself (an interval's anchor, a frequent rrule's start),
    /// which stay as sent.
    static func expected(_ schedule: PrefectSchedule) -> PrefectSchedule {
        var stored = schedule
        stored.timezone = ReadBack.timezone(of: schedule)
        if case .cron(let expression, let dayOr) = schedule.rule { stored.rule = .cron(expression, dayOr: dayOr ?? true) }
        if case .rrule(let text) = schedule.rule, case .exactly(let storedText) = ReadBack.rrule(text) {
            stored.rule = .rrule(storedText)
        }
        return stored
    }

    static func matches(live: PrefectSchedule, desired: PrefectSchedule) -> Bool {
        let want = expected(desired)
        guard live.timezone == want.timezone, live.active == want.active, live.slug == want.slug,
            live.parameters == want.parameters
        else { return false }
        switch (live.rule, desired.rule) {
        case (.cron(let liveExpression, let liveDayOr), .cron(let expression, let dayOr)):
            return liveExpression == expression && (liveDayOr ?? true) == (dayOr ?? true)
        case (.interval(let liveSeconds, let liveAnchor), .interval(let seconds, let anchor)):
            guard liveSeconds == seconds else { return false }
            guard let anchor else { return true }  // the server anchors at the upsert
            guard let liveAnchor else { return false }
            if let a = ReadBack.instant(liveAnchor), let b = ReadBack.instant(anchor) { return a == b }
            return liveAnchor == anchor
        case (.rrule(let liveText), .rrule(let text)):
            return ReadBack.rrule(text).matches(liveText)
        default:
            return false
        }
    }

    /// Whether each desired schedule pairs with its own live one. Schedules
    /// without a server-chosen part are paired first, so one that accepts any
    /// anchor cannot take the live schedule an exact one needs.
    static func sameSchedules(live: [PrefectSchedule], desired: [PrefectSchedule]) -> Bool {
        guard live.count == desired.count else { return false }
        var unpaired = live
        let ordered = desired.filter { !acceptsServerChoice($0) } + desired.filter(acceptsServerChoice)
        for schedule in ordered {
            guard let index = unpaired.firstIndex(where: { matches(live: $0, desired: schedule) }) else { return false }
            unpaired.remove(at: index)
        }
        return true
    }

    private static func acceptsServerChoice(_ schedule: PrefectSchedule) -> Bool {
        switch schedule.rule {
        case .interval(_, let anchor): return anchor == nil
        case .rrule(let text): if case .afterAnyStart = ReadBack.rrule(text) { return true } else { return false }
        case .cron: return false
        }
    }

    /// Sorted, so the same set always prints the same.
    static func display(_ schedules: [PrefectSchedule]) -> JSONValue {
        .array(schedules.map(\.json).sorted { $0.serialized(indent: nil) < $1.serialized(indent: nil) })
    }
}
