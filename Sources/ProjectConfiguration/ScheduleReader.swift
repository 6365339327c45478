import PythonSyntax
import TOMLSyntax

/// Reads one `schedules` item: exactly one of `cron`, `interval`, `rrule`, with
/// an optional IANA `timezone`, `active` flag and (for intervals) `anchor-date`.
/// Each value is checked here, because Prefect's server would reject it at deploy time.
struct ScheduleReader {
    let log: ProblemLog
    static let keys: Set<String> = ["cron", "interval", "rrule", "timezone", "active", "anchor-date"]

    func schedule(_ table: TOMLTable, at location: TOMLLocation) -> Schedule? {
        for member in table.members where !Self.keys.contains(member.key) {
            log.error("unknown key '\(member.key)' in a schedule\(DidYouMean.hint(for: member.key, among: Array(Self.keys)))",
                at: member.keyLocation)
        }
        let rules = ["cron", "interval", "rrule"].filter { table[$0] != nil }
        guard rules.count == 1 else {
            log.error(rules.isEmpty ? "a schedule needs one of cron, interval or rrule"
                : "a schedule takes only one of cron, interval or rrule, not \(rules.joined(separator: " and "))", at: location)
            return nil
        }
        let node = table[rules[0]]!
        let rule: Schedule.Rule
        switch rules[0] {
        case "cron":
            guard let expression = node.string else { return fail("'cron' must be a string", node) }
            if let problem = ScheduleSyntax.cronProblem(expression) { return fail("invalid cron '\(expression)': \(problem)", node) }
            rule = .cron(expression)
        case "interval":
            switch node.value {
            case .integer(let seconds) where seconds > 0: rule = .interval(.int(seconds))
            case .float(let seconds) where seconds > 0: rule = .interval(.double(seconds))
            case .string(let text) where ScheduleSyntax.intervalSeconds(text) != nil: rule = .interval(.string(text))
            default:
                return fail("invalid interval: use a positive number of seconds, an ISO 8601 duration (\"PT10M\") or \"HH:MM:SS\"", node)
            }
        default:
            guard let text = node.string, text.uppercased().contains("FREQ=") else {
                return fail("'rrule' must be an RFC 5545 rule such as \"FREQ=WEEKLY;BYDAY=MO\"", node)
            }
            rule = .rrule(text)
        }
        var schedule = Schedule(rule: rule)
        if let zone = table["timezone"] {
            guard let name = zone.string, ScheduleSyntax.isKnownTimeZone(name) else {
                return fail("unknown time zone \(zone.string.map { "'\($0)'" } ?? "value"): use an IANA name such as \"Europe/Berlin\" or \"UTC\"", zone)
            }
            schedule.timezone = name
        }
        if let active = table["active"] {
            guard case .boolean(let flag) = active.value else { return fail("'active' must be true or false", active) }
            schedule.active = flag
        }
        if let anchor = table["anchor-date"] {
            guard case .interval = rule else { return fail("'anchor-date' applies to interval schedules only", anchor) }
            switch anchor.value {
            case .string(let text), .dateTime(let text): schedule.anchorDate = text
            default: return fail("'anchor-date' must be a date-time", anchor)
            }
        }
        return schedule
    }

    private func fail(_ message: String, _ node: TOMLNode) -> Schedule? {
        log.error(message, at: node.location)
        return nil
    }
}
