import Foundation

/// Checks schedule values the way Prefect's server would, before anything is
/// deployed: cron expressions (croniter's five fields and `@` presets), IANA
/// time zones, and intervals (seconds, ISO 8601 durations, `HH:MM:SS`).
public enum ScheduleSyntax {
    static let presets: Set<String> = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]

    private struct Field {
        let name: String
        let range: ClosedRange<Int>
        let names: [String: Int]
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    private static let fields = [
        Field(name: "minute", range: 0...59, names: [:]),
        Field(name: "hour", range: 0...23, names: [:]),
        Field(name: "day of month", range: 1...31, names: [:]),
        Field(name: "month", range: 1...12, names: Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0 + 1) })),
        Field(name: "day of week", range: 0...7, names: Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })),
    ]

    /// Why `expression` is not a valid cron expression, or nil when it is.
    public static func cronProblem(_ expression: String) -> String? {
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("@") {
            return presets.contains(trimmed.lowercased()) ? nil
                : "unknown cron preset '\(trimmed)'; expected one of \(presets.sorted().joined(separator: ", "))"
        }
        let parts = trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
        guard parts.count == 5 else {
            return "a cron expression has five fields (minute hour day-of-month month day-of-week), not \(parts.count)"
        }
        for (part, field) in zip(parts, fields) {
            if let problem = fieldProblem(part.lowercased(), field) { return "\(field.name) field '\(part)': \(problem)" }
        }
        return nil
    }

    private static func fieldProblem(_ text: String, _ field: Field) -> String? {
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            guard !item.isEmpty else { return "empty list item" }
            var base = item
            if let slash = item.firstIndex(of: "/") {
                base = String(item[..<slash])
                guard let step = Int(item[item.index(after: slash)...]), step > 0 else { return "the step after '/' must be a positive number" }
            }
            if base == "*" || base == "?" { continue }
            // croniter extensions: L (last day of month), and n#k / nL for weekdays.
            if field.name == "day of month" && base == "l" { continue }
            if field.name == "day of week", let hash = base.firstIndex(of: "#") {
                guard value(String(base[..<hash]), field) != nil, let nth = Int(base[base.index(after: hash)...]), (1...5).contains(nth)
                else { return "'\(base)' must be weekday#1..5" }
                continue
            }
            if field.name == "day of week", base.hasSuffix("l"), value(String(base.dropLast()), field) != nil { continue }
            let bounds = base.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard bounds.count <= 2 else { return "'\(base)' is not a number or range" }
            for bound in bounds where value(bound, field) == nil {
                return "'\(bound)' is not a value from \(field.range.lowerBound) to \(field.range.upperBound)"
                    + (field.names.isEmpty ? "" : " or a name")
            }
        }
        return nil
    }

    private static func value(_ text: String, _ field: Field) -> Int? {
        if let named = field.names[text] { return named }
        guard let number = Int(text), field.range.contains(number) else { return nil }
        return number
    }

    /// Whether the IANA database knows `identifier` (as `zoneinfo` on the machine has it).
    public static func isKnownTimeZone(_ identifier: String) -> Bool {
        identifier == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(identifier)
    }

    /// Seconds for an interval given as a number of seconds, an ISO 8601 duration
    /// (`PT10M`, `P1DT2H`) or `HH:MM:SS`; nil when it is none of these or not positive.
    public static func intervalSeconds(_ text: String) -> Double? {
        if let seconds = Double(text) { return seconds > 0 ? seconds : nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 3, let hours = Int(parts[0]), let minutes = Int(parts[1]), let seconds = Double(parts[2]),
            hours >= 0, (0..<60).contains(minutes), seconds >= 0, seconds < 60
        {
            let total = Double(hours * 3600 + minutes * 60) + seconds
            return total > 0 ? total : nil
        }
        return isoDuration(text)
    }

    private static func isoDuration(_ text: String) -> Double? {
        var rest = Substring(text.uppercased())
        guard rest.hasPrefix("P"), rest.count > 1 else { return nil }
        rest = rest.dropFirst()
        var total = 0.0
        var inTime = false
        var number = ""
        var sawUnit = false
        for character in rest {
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            guard let value = Double(number) else { return nil }
            let unit: Double? = switch (inTime, character) {
            case (false, "W"): 604_800
            case (false, "D"): 86_400
            case (true, "H"): 3_600
            case (true, "M"): 60
            case (true, "S"): 1
            default: nil
            }
            guard let unit else { return nil }
            total += value * unit
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, total > 0 else { return nil }
        return total
    }
}
