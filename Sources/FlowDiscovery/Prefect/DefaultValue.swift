import PythonSyntax
import PythonTreeSitter

/// The JSON a parameter default becomes in Prefect's schema: literals as
/// they are, Enum members as their value, and the date, duration, path and
/// UUID constructors pydantic serialises as strings. Nil when only running
/// the code could tell.
struct DefaultValue {
    let scope: Scope
    let byte: Int

    func json(_ node: Node) -> JSONValue? {
        let evaluator = LiteralEvaluator(scope: scope)
        if let value = evaluator.evaluate(node, at: byte) { return value }
        switch node.type {
        case "attribute":
            // `Mode.incremental` for an Enum defined in this file.
            guard let object = node.child(byField: "object"), object.type == "identifier",
                let member = node.child(byField: "attribute"),
                case .class(let definition)? = scope.lookup(object.text, before: byte),
                let enumeration = EnumClass(definition, scope: scope)
            else { return nil }
            return enumeration.value(ofMember: member.text)
        case "call":
            return constructorValue(node, evaluator: evaluator)
        case "string":
            // pydantic writes a bytes default as its UTF-8 text.
            return StringLiteral.bytesText(of: node).map(JSONValue.string)
        default:
            return nil
        }
    }

    /// The callee's qualified name; a bare builtin such as `frozenset` counts when nothing shadows it.
    private func qualifiedCallee(_ callee: Node) -> String? {
        if callee.type == "identifier", TypeSchema.builtins.contains(callee.text),
            TypeSchema.isUnbound(callee.text, in: scope, at: byte)
        {
            return "builtins." + callee.text
        }
        return NameResolver.qualifiedName(of: callee, in: scope, at: byte).map(TypeSchema.canonical)
    }

    private func constructorValue(_ call: Node, evaluator: LiteralEvaluator) -> JSONValue? {
        guard let callee = call.child(byField: "function"),
            let name = qualifiedCallee(callee),
            let argumentList = call.child(byField: "arguments")
        else { return nil }
        var positional: [JSONValue] = []
        var keywords: [String: JSONValue] = [:]
        for argument in argumentList.significantChildren {
            if argument.type == "keyword_argument" {
                guard let key = argument.child(byField: "name")?.text, let valueNode = argument.child(byField: "value"),
                    let value = evaluator.evaluate(valueNode, at: byte)
                else { return nil }
                keywords[key] = value
            } else {
                guard let value = evaluator.evaluate(argument, at: byte) else { return nil }
                positional.append(value)
            }
        }
        switch name {
        case "builtins.list", "builtins.tuple", "builtins.set", "builtins.frozenset":
            return positional.isEmpty && keywords.isEmpty ? .array([]) : nil
        case "builtins.dict":
            return positional.isEmpty ? .object(keywords) : nil
        case "datetime.timedelta":
            return Self.duration(positional: positional, keywords: keywords).map(JSONValue.string)
        case "datetime.datetime", "datetime.date":
            return Self.isoDate(positional: positional, keywords: keywords, withTime: name == "datetime.datetime")
                .map(JSONValue.string)
        case "pathlib.Path", "uuid.UUID":
            guard keywords.isEmpty, positional.count == 1, case .string(let text) = positional[0] else { return nil }
            return .string(name == "uuid.UUID" ? text.lowercased() : text)
        default:
            return nil
        }
    }

    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let number)?: Double(number)
        case .double(let number)?: number
        default: nil
        }
    }

    /// pydantic's ISO 8601 form of a `timedelta(...)`: `P1DT2H3M4.5S`, `PT0S`.
    static func duration(positional: [JSONValue], keywords: [String: JSONValue]) -> String? {
        let order = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"]
        let scale: [String: Double] = ["days": 86_400e6, "seconds": 1e6, "microseconds": 1, "milliseconds": 1e3,
            "minutes": 60e6, "hours": 3_600e6, "weeks": 604_800e6]
        guard positional.count <= order.count else { return nil }
        var total = 0.0
        for (index, value) in positional.enumerated() {
            guard let amount = number(value) else { return nil }
            total += amount * scale[order[index]]!
        }
        for (key, value) in keywords {
            guard let factor = scale[key], let amount = number(value) else { return nil }
            total += amount * factor
        }
        var micros = Int(total.rounded())
        let sign = micros < 0 ? "-" : ""
        micros = abs(micros)
        if micros == 0 { return "PT0S" }
        let days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        let hours = rest / 3_600_000_000
        rest %= 3_600_000_000
        let minutes = rest / 60_000_000
        rest %= 60_000_000
        var result = sign + "P" + (days > 0 ? "\(days)D" : "")
        var time = ""
        if hours > 0 { time += "\(hours)H" }
        if minutes > 0 { time += "\(minutes)M" }
        if rest > 0 {
            var seconds = "\(rest / 1_000_000)"
            let fraction = rest % 1_000_000
            if fraction > 0 {
                var digits = String(fraction)
                digits = String(repeating: "0", count: 6 - digits.count) + digits
                while digits.hasSuffix("0") { digits.removeLast() }
                seconds += "." + digits
            }
            time += seconds + "S"
        }
        if !time.isEmpty { result += "T" + time }
        return result
    }

    /// `datetime(2024, 1, 2, 3, 4)` → `2024-01-02T03:04:00`; `date(...)` → `2024-01-02`.
    static func isoDate(positional: [JSONValue], keywords: [String: JSONValue], withTime: Bool) -> String? {
        let names = ["year", "month", "day", "hour", "minute", "second", "microsecond"]
        var parts: [String: Int] = [:]
        for (index, value) in positional.enumerated() {
            guard index < names.count, case .int(let number) = value else { return nil }
            parts[names[index]] = number
        }
        for (key, value) in keywords {
            guard names.contains(key), case .int(let number) = value else { return nil }
            parts[key] = number
        }
        guard let year = parts["year"], let month = parts["month"], let day = parts["day"] else { return nil }
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        guard withTime else { return parts.count > 3 ? nil : text }
        text += "T\(pad(parts["hour"] ?? 0, 2)):\(pad(parts["minute"] ?? 0, 2)):\(pad(parts["second"] ?? 0, 2))"
        if let micro = parts["microsecond"], micro > 0 { text += "." + pad(micro, 6) }
        return text
    }
}
