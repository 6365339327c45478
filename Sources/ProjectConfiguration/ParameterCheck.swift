import FlowDiscovery
import PythonSyntax

/// Checks a configured parameter value against the flow's parameter schema, the
/// schema Prefect enforces when a run is created (a value that does not fit
/// makes every scheduled run fail with 409). The JSON Schema subset Prefect's
/// schemas use: type, enum, const, anyOf/oneOf/allOf, items, prefixItems,
/// additionalProperties, properties/required, `$ref` into `definitions`.
public enum ParameterCheck {
    /// Why `value` does not fit `schema`, or nil when it fits.
    public static func problem(_ value: JSONValue, schema: JSONValue, definitions: [String: JSONValue]) -> String? {
        problem(value, schema, definitions, depth: 0)
    }

    private static func problem(_ value: JSONValue, _ schema: JSONValue, _ definitions: [String: JSONValue], depth: Int) -> String? {
        guard depth < 32, let rules = schema.objectValue else { return nil }
        if let reference = rules["$ref"]?.stringValue {
            let name = reference.split(separator: "/").last.map(String.init) ?? reference
            guard let target = definitions[name] else { return nil }
            return problem(value, target, definitions, depth: depth + 1)
        }
        for key in ["anyOf", "oneOf"] {
            if let options = rules[key]?.arrayValue {
                let problems = options.map { problem(value, $0, definitions, depth: depth + 1) }
                if problems.contains(where: { $0 == nil }) { break }
                return problems.compactMap { $0 }.first.map { "\($0) (and no other allowed form fits)" }
            }
        }
        if let all = rules["allOf"]?.arrayValue {
            for part in all { if let failure = problem(value, part, definitions, depth: depth + 1) { return failure } }
        }
        if let choices = rules["enum"]?.arrayValue, !choices.contains(value) {
            return "\(value.serialized(indent: nil)) is not one of \(JSONValue.array(choices).serialized(indent: nil))"
        }
        if let constant = rules["const"], constant != value {
            return "\(value.serialized(indent: nil)) must be \(constant.serialized(indent: nil))"
        }
        if let type = rules["type"] {
            let types = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue].compactMap { $0 }
            if !types.isEmpty && !types.contains(where: { matches(value, type: $0) }) {
                return "\(value.serialized(indent: nil)) is not \(types.map(article).joined(separator: " or "))"
            }
        }
        switch value {
        case .array(let items):
            let prefix = rules["prefixItems"]?.arrayValue ?? []
            for (index, item) in items.enumerated() {
                let itemSchema = index < prefix.count ? prefix[index] : rules["items"]
                if let itemSchema, let failure = problem(item, itemSchema, definitions, depth: depth + 1) {
                    return "item \(index): \(failure)"
                }
            }
            if case .int(let minimum)? = rules["minItems"], items.count < minimum { return "needs at least \(minimum) items" }
            if case .int(let maximum)? = rules["maxItems"], items.count > maximum { return "takes at most \(maximum) items" }
        case .object(let members):
            let properties = rules["properties"]?.objectValue ?? [:]
            for required in rules["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[required] == nil {
                return "missing required field '\(required)'"
            }
            for key in members.keys.sorted() {
                if let propertySchema = properties[key] {
                    if let failure = problem(members[key]!, propertySchema, definitions, depth: depth + 1) { return "'\(key)': \(failure)" }
                } else if let additional = rules["additionalProperties"] {
                    if additional == .bool(false) { return "unexpected field '\(key)'" }
                    if let failure = problem(members[key]!, additional, definitions, depth: depth + 1) { return "'\(key)': \(failure)" }
                }
            }
        default:
            break
        }
        return nil
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("null", .null), ("array", .array), ("object", .object), ("integer", .int):
            return true
        case ("number", .int), ("number", .double):
            return true
        case ("integer", .double(let number)):
            return number == number.rounded()
        default:
            return false
        }
    }

    private static func article(_ type: String) -> String {
        switch type {
        case "integer", "array", "object": "an \(type)"
        case "null": "null"
        default: "a \(type)"
        }
    }
}
