import PythonSyntax
import TOMLSyntax

/// Reads one `schedules` item: exactly one of `cron`, `interval`, `rrule`, with
/// an optional IANA `timezone`, `active` flag, (for intervals) `anchor-date`,
/// `slug` and `parameters` (checked against the flow's signature once the flows are known).
/// Each value is checked here, because Prefect's server would reject it at deploy time.
struct ScheduleReader {
    typealias Keys = SettingKeys
    let log: ProblemLog

    func schedule(_ table: TOMLTable, at location: TOMLLocation) -> Schedule? {
        let declared = DeclaredTable(table, sections: [.schedule], what: "a schedule", log: log)
        let rules = [Keys.cron, Keys.interval, Keys.rrule].filter { table[$0.name] != nil }
        guard rules.count == 1 else {
            log.error(rules.isEmpty ? "a schedule needs one of cron, interval or rrule"
                : "a schedule takes only one of cron, interval or rrule, not \(rules.map(\.name).joined(separator: " and "))",
                at: location, key: Keys.schedules)
            return nil
        }
        guard let node = declared.node(rules[0]) else { return nil }
        let rule: Schedule.Rule
        switch rules[0] {
        case Keys.cron:
            let expression = node.string!
            if let problem = ScheduleSyntax.cronProblem(expression) { return fail("invalid cron '\(expression)': \(problem)", node, Keys.cron) }
            rule = .cron(expression)
        case Keys.interval:
            switch node.value {
            case .integer(let seconds) where seconds > 0: rule = .interval(.int(seconds))
            case .float(let seconds) where seconds > 0: rule = .interval(.double(seconds))
            case .string(let text) where ScheduleSyntax.intervalSeconds(text) != nil: rule = .interval(.string(text))
            default:
                return fail("invalid interval: use a positive number of seconds, an ISO 8601 duration (\"PT10M\") or \"HH:MM:SS\"",
                    node, Keys.interval)
            }
        default:
            guard let text = node.string, text.uppercased().contains("FREQ=") else {
                return fail("'rrule' must be an RFC 5545 rule such as \"FREQ=WEEKLY;BYDAY=MO\"", node, Keys.rrule)
            }
            rule = .rrule(text)
        }
        var schedule = Schedule(rule: rule)
        if let zone = declared.node(Keys.timezone) {
            guard let name = zone.string, ScheduleSyntax.isKnownTimeZone(name) else {
                return fail("unknown time zone '\(zone.string!)': use an IANA name such as \"Europe/Berlin\" or \"UTC\"", zone, Keys.timezone)
            }
            schedule.timezone = name
        }
        schedule.active = declared.bool(Keys.active)
        if let slug = declared.node(Keys.slug) {
            guard let text = slug.string, !text.isEmpty else { return fail("'slug' must not be empty", slug, Keys.slug) }
            schedule.slug = text
        }
        schedule.parameters = declared.table(Keys.scheduleParameters).map { TOMLConversion.json($0).objectValue ?? [:] }
        if let anchor = declared.node(Keys.anchorDate) {
            guard case .interval = rule else { return fail("'anchor-date' applies to interval schedules only", anchor, Keys.anchorDate) }
            switch anchor.value {
            case .string(let text), .dateTime(let text): schedule.anchorDate = text
            default: return nil
            }
        }
        return schedule
    }

    private func fail(_ message: String, _ node: TOMLNode, _ key: SettingKey) -> Schedule? {
        log.error(message, at: node.location, key: key)
        return nil
    }
}
