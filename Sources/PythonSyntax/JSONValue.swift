/// A JSON value: what a Python literal evaluates to, and what flows.json is made of.
public indirect enum JSONValue: Equatable, Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue {
    /// Serialises with sorted keys, so equal values always give equal bytes.
    /// `indent` nil gives one compact line.
    public func serialized(indent: Int? = 2) -> String {
        var out: [UInt8] = []
        write(to: &out, indent: indent, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes UTF-8 bytes rather than growing a String scalar by scalar: manifests run to
    /// megabytes, and appending each character of each string to a String was most of an
    /// unchanged re-scan of the large corpus (UnicodeScalarView.append, 12% of its profile).
    private func write(to out: inout [UInt8], indent: Int?, depth: Int) {
        switch self {
        case .null: out += Self.nullBytes
        case .bool(let value): out += value ? Self.trueBytes : Self.falseBytes
        case .int(let value): out += String(value).utf8
        case .double(let value): out += Self.format(value).utf8
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out += Self.emptyArray; return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent: indent, depth: depth + 1)
                item.write(to: &out, indent: indent, depth: depth + 1)
            }
            Self.newline(&out, indent: indent, depth: depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { out += Self.emptyObject; return }
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent: indent, depth: depth + 1)
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                members[key]!.write(to: &out, indent: indent, depth: depth + 1)
            }
            Self.newline(&out, indent: indent, depth: depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let nullBytes = Array("null".utf8), trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)
    private static let emptyArray = Array("[]".utf8), emptyObject = Array("{}".utf8)

    private static func newline(_ out: inout [UInt8], indent: Int?, depth: Int) {
        guard let indent else { return }
        out.append(10)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
    }

    /// Python's repr for floats that are whole numbers keeps ".0"; so do we.
    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return "\(value)"
    }

    /// A JSON string: runs of bytes that need no escape are copied whole.
    private static func writeString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[runStart..<index])
                switch byte {
                case UInt8(ascii: "\""): out += Array("\\\"".utf8)
                case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
                case 10: out += Array("\\n".utf8)
                case 13: out += Array("\\r".utf8)
                case 9: out += Array("\\t".utf8)
                case 8: out += Array("\\b".utf8)
                case 12: out += Array("\\f".utf8)
                default:
                    let hex = String(byte, radix: 16)
                    out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
                runStart = index + 1
            }
            out.append(contentsOf: bytes[runStart...])
        }
        out.append(UInt8(ascii: "\""))
    }
}
