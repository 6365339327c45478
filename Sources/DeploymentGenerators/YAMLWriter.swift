import PythonSyntax

/// A YAML document to write: mappings keep the order they are built in (for
/// a readable field order); mappings converted from JSON objects are sorted.
public indirect enum YAMLNode: Sendable {
    case scalar(JSONValue)
    case sequence([YAMLNode])
    case mapping([(String, YAMLNode)])

    /// JSON as YAML, object keys sorted.
    public init(_ json: JSONValue) {
        switch json {
        case .array(let items): self = .sequence(items.map(YAMLNode.init))
        case .object(let members): self = .mapping(members.keys.sorted().map { ($0, YAMLNode(members[$0]!)) })
        default: self = .scalar(json)
        }
    }
}

/// Writes block-style YAML that Prefect's loader (PyYAML) and people both read
/// easily. Strings are quoted whenever a plain scalar could be read as
/// something else (a number, a boolean, null, a date) or contains YAML syntax;
/// quoted strings use JSON escapes, which YAML double quotes accept.
public enum YAMLWriter {
    public static func document(_ root: YAMLNode) -> String {
        var out = ""
        write(root, indent: 0, into: &out, inSequence: false)
        return out
    }

    private static func write(_ node: YAMLNode, indent: Int, into out: inout String, inSequence: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .scalar(let value):
            out += scalar(value) + "\n"
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                if index > 0 || !inSequence { out += pad }
                out += "- "
                switch item {
                case .mapping(let members) where !members.isEmpty:
                    writeMapping(members, indent: indent + 2, into: &out, firstInline: true)
                case .sequence(let inner) where !inner.isEmpty:
                    write(item, indent: indent + 2, into: &out, inSequence: true)
                default:
                    out += inline(item) + "\n"
                }
            }
        case .mapping(let members):
            writeMapping(members, indent: indent, into: &out, firstInline: inSequence)
        }
    }

    private static func writeMapping(_ members: [(String, YAMLNode)], indent: Int, into out: inout String, firstInline: Bool) {
        let pad = String(repeating: " ", count: indent)
        for (index, (key, value)) in members.enumerated() {
            if index > 0 || !firstInline { out += pad }
            out += scalar(.string(key)) + ":"
            switch value {
            case .mapping(let inner) where !inner.isEmpty:
                out += "\n"
                writeMapping(inner, indent: indent + 2, into: &out, firstInline: false)
            case .sequence(let items) where !items.isEmpty:
                out += "\n"
                write(value, indent: indent, into: &out, inSequence: false)
            default:
                out += " " + inline(value) + "\n"
            }
        }
    }

    /// Empty collections and scalars, on one line.
    private static func inline(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let value): scalar(value)
        case .sequence: "[]"
        case .mapping: "{}"
        }
    }

    /// One scalar as YAML text (public for tests of the quoting rules).
    public static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number):
            guard number.isFinite else { return number.isNaN ? ".nan" : (number > 0 ? ".inf" : "-.inf") }
            // PyYAML (YAML 1.1) reads `1e-07` as a string: a float needs a dot before the exponent.
            var text = "\(number)"
            if let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<exponent].contains(".") {
                text.insert(contentsOf: ".0", at: exponent)
            }
            return text
        case .string(let text): return isPlainSafe(text) ? text : JSONValue.string(text).serialized(indent: nil)
        case .array, .object: return value.serialized(indent: nil)  // flow style, for completeness
        }
    }

    private static let reserved: Set<String> = ["null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"]

    /// A conservative test: letters, digits and `_ - . / : = @ +` only, starting with
    /// a letter, `_` or `/`, and not a word YAML 1.1 reads as a boolean or null.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !text.isEmpty, !reserved.contains(text.lowercased()) else { return false }
        guard first.properties.isAlphabetic && first.isASCII || first == "_" || first == "/" else { return false }
        if text.hasSuffix(":") || text.contains(": ") || text.contains(" #") { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-./:=@+".unicodeScalars.contains(scalar))
        }
    }
}
