import Foundation
import PythonSyntax
import Yams

/// A YAML document as Prefect's loader (PyYAML's `safe_load`) reads it, with the
/// line of every node, so the import can say where each deployment and setting is.
/// Anchors and aliases are resolved, `<<` merge keys applied, and plain scalars
/// typed by PyYAML's YAML 1.1 rules (`yes` is true, `1e5` is text, `0755` octal);
/// timestamps stay text, as acme.toml writes them. `{{ ... }}` templates are text.
struct YAMLTree: Sendable, Equatable {
    indirect enum Value: Sendable, Equatable {
        case scalar(JSONValue)
        case sequence([YAMLTree])
        /// In file order; a key given twice keeps its last value, as in PyYAML.
        case mapping([(key: String, value: YAMLTree)])

        static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.scalar(let x), .scalar(let y)): x == y
            case (.sequence(let x), .sequence(let y)): x == y
            case (.mapping(let x), .mapping(let y)): x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
            default: false
            }
        }
    }

    var value: Value
    /// 1-based.
    var line: Int

    subscript(key: String) -> YAMLTree? {
        guard case .mapping(let members) = value else { return nil }
        return members.last { $0.key == key }?.value
    }

    var members: [(key: String, value: YAMLTree)]? {
        if case .mapping(let members) = value { return members } else { return nil }
    }

    var items: [YAMLTree]? {
        if case .sequence(let items) = value { return items } else { return nil }
    }

    var string: String? { json.stringValue }
    var isNull: Bool { json == .null }

    /// The value as JSON (what Prefect's pydantic models see).
    var json: JSONValue {
        switch value {
        case .scalar(let scalar): scalar
        case .sequence(let items): .array(items.map(\.json))
        case .mapping(let members):
            .object(Dictionary(members.map { ($0.key, $0.value.json) }, uniquingKeysWith: { _, last in last }))
        }
    }

    struct Invalid: Error, Equatable {
        let message: String
        let line: Int
    }

    /// Parses the first document; an empty file is null.
    static func parse(_ text: String) throws(Invalid) -> YAMLTree {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, Self.resolver)
        } catch let error as YamlError {
            throw Invalid(message: Self.message(error), line: Self.line(of: error) ?? 1)
        } catch {
            throw Invalid(message: "\(error)", line: 1)
        }
        guard let node else { return YAMLTree(value: .scalar(.null), line: 1) }
        return try tree(node, depth: 0)
    }

    /// Deeper than any real prefect.yaml; a guard against alias bombs and runaway nesting.
    private static let maximumDepth = 64

    private static func tree(_ node: Node, depth: Int) throws(Invalid) -> YAMLTree {
        let line = node.mark?.line ?? 1
        guard depth < maximumDepth else { throw Invalid(message: "nested more than \(maximumDepth) levels deep", line: line) }
        switch node {
        case .scalar(let scalar):
            return YAMLTree(value: .scalar(Self.scalar(scalar, tag: Tag.Name(rawValue: node.tag.rawValue))), line: line)
        case .sequence(let sequence):
            var items: [YAMLTree] = []
            for item in sequence { items.append(try tree(item, depth: depth + 1)) }
            return YAMLTree(value: .sequence(items), line: line)
        case .mapping(let mapping):
            var members: [(key: String, value: YAMLTree)] = []
            var merged: [(key: String, value: YAMLTree)] = []
            for (key, value) in mapping {
                if Tag.Name(rawValue: key.tag.rawValue) == .merge {
                    // `<<: *anchor` or `<<: [*a, *b]`: keys not written here, the earlier source first.
                    let sources = value.sequence.map(Array.init) ?? [value]
                    for source in sources {
                        guard let sourceMembers = try tree(source, depth: depth + 1).members else {
                            throw Invalid(message: "a merge key (<<) needs a mapping or a list of mappings", line: key.mark?.line ?? line)
                        }
                        for member in sourceMembers where !merged.contains(where: { $0.key == member.key }) { merged.append(member) }
                    }
                    continue
                }
                var name = key.scalar?.string ?? ""
                if key.scalar == nil { name = try tree(key, depth: depth + 1).json.serialized(indent: nil) }
                members.removeAll { $0.key == name }
                members.append((name, try tree(value, depth: depth + 1)))
            }
            let written = Set(members.map(\.key))
            return YAMLTree(value: .mapping(merged.filter { !written.contains($0.key) } + members), line: line)
        case .alias:
            throw Invalid(message: "an alias to an unknown anchor", line: line)
        }
    }

    // MARK: PyYAML's implicit types (yaml/resolver.py), which differ from Yams' defaults for floats and octals.

    private static let resolver: Resolver = {
        let rules: [Resolver.Rule] = [
            try! Resolver.Rule(.bool, "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"),
            try! Resolver.Rule(.float, #"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"#),
            try! Resolver.Rule(.int, "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"),
            .merge, .null, .timestamp, .value,
        ]
        return rules.reduce(Resolver.basic) { $0.appending($1) }
    }()

    private static func scalar(_ scalar: Node.Scalar, tag: Tag.Name) -> JSONValue {
        let text = scalar.string
        switch tag {
        case .null: return .null
        case .bool: return .bool(["yes", "true", "on"].contains(text.lowercased()))
        case .int: return integer(text).map(JSONValue.int) ?? .string(text)
        case .float: return float(text).map(JSONValue.double) ?? .string(text)
        default: return .string(text)
        }
    }

    private static func integer(_ written: String) -> Int? {
        var text = written.replacingOccurrences(of: "_", with: "")
        var sign = 1
        if text.hasPrefix("-") { sign = -1; text.removeFirst() } else if text.hasPrefix("+") { text.removeFirst() }
        let magnitude: Int?
        if text.hasPrefix("0b") { magnitude = Int(text.dropFirst(2), radix: 2) }
        else if text.hasPrefix("0x") { magnitude = Int(text.dropFirst(2), radix: 16) }
        else if text.contains(":") { magnitude = text.split(separator: ":").reduce(Optional(0)) { total, part in total.flatMap { t in Int(part).map { t * 60 + $0 } } } }
        else if text.count > 1 && text.hasPrefix("0") { magnitude = Int(text.dropFirst(), radix: 8) }
        else { magnitude = Int(text) }
        return magnitude.map { $0 * sign }
    }

    private static func float(_ written: String) -> Double? {
        let text = written.replacingOccurrences(of: "_", with: "")
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: return text.contains(":") ? nil : Double(text)
        }
    }

    private static func message(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        default:
            return "\(error)"
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }
}
