import PythonSyntax
import TOMLSyntax

/// Writes the imported settings as acme.toml text: the levels in the order the file
/// layers them, keys in a fixed order, values as TOML (arrays of tables one per line).
struct AcmeTOMLRenderer {
    /// Every tag's first place in the files, so tags keep the order they were written in.
    var tagOrder: [String: Int]

    /// Keys in the order a level shows them.
    static let keyOrder = ["deployment-name", "deploy", "description", "work-pool", "work-queue", "tags", "parameters", "job-variables",
        "schedules", "paused", "concurrency-limit", "build", "push", "pull"]
    static let scheduleKeyOrder = ["cron", "interval", "rrule", "timezone", "anchor-date", "active", "slug", "parameters"]

    /// One level's `key = value` lines.
    func lines(_ slots: [SettingSlot: JSONValue]) -> [String] {
        let assembled = AssembledSettings(slots)
        var table = assembled.plain
        if !assembled.parameters.isEmpty { table["parameters"] = .object(assembled.parameters) }
        if !assembled.jobVariables.isEmpty { table["job-variables"] = .object(assembled.jobVariables) }
        if !assembled.tags.isEmpty {
            table["tags"] = .array(assembled.tags.sorted { (tagOrder[$0] ?? .max, $0) < (tagOrder[$1] ?? .max, $1) }.map(JSONValue.string))
        }
        let order = Self.keyOrder + table.keys.filter { !Self.keyOrder.contains($0) }.sorted()
        return order.compactMap { key in table[key].map { "\(TOMLText.key(key)) = \(Self.value($0, key: key))" } }
    }

    /// A value as TOML. Lists of tables (schedules, steps) get a line per item.
    static func value(_ value: JSONValue, key: String = "") -> String {
        switch value {
        case .array(let items) where !items.isEmpty && items.allSatisfy({ $0.objectValue != nil }):
            return "[\n" + items.map { "  \(inline($0, schedule: key == "schedules")),\n" }.joined() + "]"
        default:
            return inline(value)
        }
    }

    private static func inline(_ value: JSONValue, schedule: Bool = false) -> String {
        switch value {
        case .null: return "\"\""  // never written: the reader leaves out values holding null
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return TOMLText.float(number)
        case .string(let text): return TOMLText.string(text)
        case .array(let items): return "[" + items.map { inline($0) }.joined(separator: ", ") + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let order = schedule ? scheduleKeyOrder.filter { members[$0] != nil } + members.keys.filter { !scheduleKeyOrder.contains($0) }.sorted()
                : members.keys.sorted()
            return "{ " + order.map { "\(TOMLText.key($0)) = \(inline(members[$0]!))" }.joined(separator: ", ") + " }"
        }
    }
}
