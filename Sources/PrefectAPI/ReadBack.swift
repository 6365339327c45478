import PythonSyntax

/// What Prefect 3.9.1 stores for what we send: the rules `changes(from:to:)`
/// applies to a desired body before comparing it with a live deployment.
/// Each was found by sending the value and reading it back
/// (Tests/PrefectAPITests/ReadBackTests.swift shows every one).
enum ReadBack {
    /// `{}` becomes `{"type": "object", "properties": {}}`; null stays null.
    static func parameterSchema(_ schema: JSONValue?) -> JSONValue {
        guard let schema else { return .null }
        if schema == [:] { return ["type": "object", "properties": [:]] }
        return schema
    }

    /// A queue without a pool lands in the server's `default-agent-pool`.
    static func workPool(pool: String?, queue: String?) -> String? {
        if pool == nil, queue != nil { return "default-agent-pool" }
        return pool
    }

    /// A pool without a queue means the pool's `default` queue.
    static func workQueue(pool: String?, queue: String?) -> String? {
        if pool != nil, queue == nil { return "default" }
        return queue
    }

    /// Cron keeps no time zone when none is sent; interval and rrule get "UTC".
    static func timezone(of schedule: PrefectSchedule) -> String? {
        if schedule.timezone != nil { return schedule.timezone }
        if case .cron = schedule.rule { return nil }
        return "UTC"
    }

    /// The `DTSTART` line the server puts in front of an rrule that has none:
    /// 2020-01-01 00:00, except for SECONDLY and MINUTELY rules without COUNT,
    /// which get a recent instant that depends on the time of the upsert (nil:
    /// any). Rules that name DTSTART anywhere are stored as sent.
    enum RRuleText: Equatable {
        case exactly(String)
        case afterAnyStart(String)

        func matches(_ live: String) -> Bool {
            switch self {
            case .exactly(let text): return live == text
            case .afterAnyStart(let rule):
                guard live.hasPrefix("DTSTART:"), let newline = live.firstIndex(of: "\n") else { return false }
                return live[live.index(after: newline)...] == rule
            }
        }
    }

    static func rrule(_ text: String) -> RRuleText {
        if text.uppercased().contains("DTSTART") { return .exactly(text) }
        let lines = text.split(whereSeparator: \.isNewline)
        if lines.count == 1 {
            var parts: [String: String] = [:]
            var rule = lines[0].uppercased()
            if rule.hasPrefix("RRULE:") { rule.removeFirst("RRULE:".count) }
            for part in rule.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2 { parts[String(pair[0])] = String(pair[1]) }
            }
            if parts["COUNT"] == nil, let frequency = parts["FREQ"], frequency == "SECONDLY" || frequency == "MINUTELY" {
                return .afterAnyStart(text)
            }
        }
        return .exactly("DTSTART:20200101T000000\n" + text)
    }

    /// An anchor date as microseconds since 1970 UTC. The server reads a date
    /// alone as midnight and a time without offset as UTC (not the schedule's
    /// time zone), and writes `Z` or the offset sent, with microseconds only
    /// when not zero; comparing instants makes all spellings of one equal.
    static func instant(_ text: String) -> Int64? {
        ISO8601Instant(text)?.microseconds
    }
}

/// `YYYY-MM-DD`, optionally `T` (or a space) `HH:MM[:SS[.fraction]]`, optionally
/// `Z` or `±HH[:MM]`: the forms pydantic accepts for a datetime.
struct ISO8601Instant {
    let microseconds: Int64

    init?(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.take("-"), let month = scanner.digits(2), scanner.take("-"),
            let day = scanner.digits(2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = 0
        var micros = 0
        var offset = 0
        if scanner.take("T") || scanner.take("t") || scanner.take(" ") {
            guard let hour = scanner.digits(2), scanner.take(":"), let minute = scanner.digits(2), hour < 24, minute < 60
            else { return nil }
            seconds = hour * 3600 + minute * 60
            if scanner.take(":") {
                guard let second = scanner.digits(2), second < 61 else { return nil }
                seconds += second
                if scanner.take(".") || scanner.take(",") {
                    var digits = 0
                    var fraction = 0
                    while let digit = scanner.digit() {
                        if digits < 6 { fraction = fraction * 10 + digit }
                        digits += 1
                    }
                    guard digits > 0 else { return nil }
                    for _ in digits..<max(digits, 6) { fraction *= 10 }
                    micros = fraction
                }
            }
            if scanner.take("Z") || scanner.take("z") {
                offset = 0
            } else if let sign = scanner.sign() {
                guard let hours = scanner.digits(2) else { return nil }
                _ = scanner.take(":")
                let minutes = scanner.digits(2) ?? 0
                offset = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard scanner.atEnd else { return nil }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        microseconds = (Int64(days) * 86_400 + Int64(seconds - offset)) * 1_000_000 + Int64(micros)
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { index == bytes.count }

        mutating func take(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.count, (48...57).contains(bytes[index]) else { return nil }
            index += 1
            return Int(bytes[index - 1] - 48)
        }

        mutating func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func sign() -> Int? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            return nil
        }
    }
}
