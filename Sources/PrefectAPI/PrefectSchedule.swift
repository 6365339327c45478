import PythonSyntax
import RESTClient

/// One schedule of a deployment, as Prefect's `DeploymentScheduleCreate` has it.
public struct PrefectSchedule: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        /// `dayOr` nil leaves Prefect's default (true).
        case cron(String, dayOr: Bool?)
        /// Seconds; `anchorDate` (ISO 8601) nil lets the server anchor at the time of the upsert.
        case interval(seconds: Double, anchorDate: String?)
        case rrule(String)
    }

    public var rule: Rule
    /// IANA name. Nil: none for cron, "UTC" for interval and rrule (the server's defaults).
    public var timezone: String?
    public var active: Bool
    public var slug: String?
    /// Parameters this schedule's runs override.
    public var parameters: [String: JSONValue]

    public init(_ rule: Rule, timezone: String? = nil, active: Bool = true, slug: String? = nil,
        parameters: [String: JSONValue] = [:])
    {
        self.rule = rule
        self.timezone = timezone
        self.active = active
        self.slug = slug
        self.parameters = parameters
    }

    /// The `schedules[]` item of a deployment body. `max_scheduled_runs` is not
    /// sent: the open-source server accepts it and stores nothing.
    public var json: JSONValue {
        var schedule: [String: JSONValue] = [:]
        switch rule {
        case .cron(let expression, let dayOr):
            schedule["cron"] = .string(expression)
            if let dayOr { schedule["day_or"] = .bool(dayOr) }
        case .interval(let seconds, let anchorDate):
            schedule["interval"] = .double(seconds)
            if let anchorDate { schedule["anchor_date"] = .string(anchorDate) }
        case .rrule(let text):
            schedule["rrule"] = .string(text)
        }
        if let timezone { schedule["timezone"] = .string(timezone) }
        var item: [String: JSONValue] = ["schedule": .object(schedule), "active": .bool(active),
            "parameters": .object(parameters)]
        if let slug { item["slug"] = .string(slug) }
        return .object(item)
    }

    /// Reads a schedule as the server returns it (`schedules[]` of a deployment).
    init(live item: JSONValue) throws(JSONShapeError) {
        let fields = try JSONFields(item, "schedule item")
        let schedule = try JSONFields(try fields.required("schedule"), "schedule")
        if let cron = try schedule.string("cron") {
            rule = .cron(cron, dayOr: try schedule.bool("day_or"))
        } else if let seconds = try schedule.number("interval") {
            rule = .interval(seconds: seconds, anchorDate: try schedule.string("anchor_date"))
        } else if let text = try schedule.string("rrule") {
            rule = .rrule(text)
        } else {
            throw JSONShapeError("a schedule with neither cron, interval nor rrule")
        }
        timezone = try schedule.string("timezone")
        active = try fields.bool("active") ?? true
        slug = try fields.string("slug")
        parameters = try fields.object("parameters") ?? [:]
    }
}
