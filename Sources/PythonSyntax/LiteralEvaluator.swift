import NestingLimit
import PythonTreeSitter

/// Evaluates the statically knowable part of Python expressions: literals,
/// containers of literals, module-level constants, f-strings and `+` over
/// those. Anything else yields nil, and callers keep the source text instead.
public struct LiteralEvaluator {
    public let scope: Scope
    /// Values known for names at this point (loop variables, arguments of a
    /// factory call); they shadow the scope's bindings. A nil value marks a
    /// name bound to something unknown, which must not fall back to the scope.
    public var bindings: [String: JSONValue?]
    /// Consulted for expressions the evaluator cannot handle itself (calls,
    /// attributes, subscripts): lets a detector add idioms such as `Path(__file__).stem`.
    public var fallback: (@Sendable (Node) -> JSONValue?)?
    /// Keep a dict whose values are only partly static, without the unknown keys.
    /// Reading a dropped key then gives nil, so nothing is ever guessed.
    public var allowsPartialDictionaries = false
    /// How deep the caller's own walk already is (the Airflow interpreter
    /// evaluates literals deep inside expressions): the limit counts both.
    public var depth = NestingDepth.top

    /// Nodes one evaluation may visit. Names are followed to their values
    /// each time they are read, so `b = a + a`, `c = b + b`, ... doubles the
    /// work per line; this stops such a file long before it could hang the scan.
    static let stepLimit = 100_000
    /// Longest string or list a `+` may build (one mebibyte, a million items).
    static let sizeLimit = 1 << 20

    /// Counts the steps of one top-level evaluation.
    private final class Steps {
        var remaining = LiteralEvaluator.stepLimit
    }

    public init(scope: Scope, bindings: [String: JSONValue?] = [:], fallback: (@Sendable (Node) -> JSONValue?)? = nil) {
        self.scope = scope
        self.bindings = bindings
        self.fallback = fallback
    }

    /// The value of `expression` as evaluated at `byte` (default: where it stands).
    public func evaluate(_ expression: Node, at byte: Int? = nil) -> JSONValue? {
        evaluate(expression, at: byte ?? expression.startByte, depth: depth, steps: Steps())
    }

    /// The value if it is a string.
    public func string(_ expression: Node, at byte: Int? = nil) -> String? {
        evaluate(expression, at: byte)?.stringValue
    }

    private func evaluate(_ node: Node, at byte: Int, depth: NestingDepth, steps: Steps) -> JSONValue? {
        guard steps.remaining > 0, let inner = node.descend(from: depth) else { return nil }
        steps.remaining -= 1
        let evaluate = { (node: Node, byte: Int) in self.evaluate(node, at: byte, depth: inner, steps: steps) }
        switch node.type {
        case "string", "concatenated_string":
            return StringLiteral.value(of: node) { field in evaluate(field, byte).flatMap(Self.pythonStr) }
                .map(JSONValue.string)
        case "integer":
            return Self.integer(node.text).map(JSONValue.int)
        case "float":
            return Double(node.text.filter { $0 != "_" }).map(JSONValue.double)
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "none": return .null
        case "parenthesized_expression":
            guard let first = node.significantChildren.first else { return nil }
            return evaluate(first, byte)
        case "list", "tuple", "set":
            var items: [JSONValue] = []
            for element in node.significantChildren {
                guard let value = evaluate(element, byte) else { return nil }
                items.append(value)
            }
            return .array(items)
        case "dictionary":
            var members: [String: JSONValue] = [:]
            for pair in node.significantChildren {
                guard pair.type == "pair", let keyNode = pair.child(byField: "key"), let valueNode = pair.child(byField: "value"),
                    let key = evaluate(keyNode, byte).flatMap(Self.jsonKey)
                else { return nil }
                guard let value = evaluate(valueNode, byte) else {
                    if allowsPartialDictionaries { continue }
                    return nil
                }
                members[key] = value
            }
            return .object(members)
        case "unary_operator":
            guard let operand = node.child(byField: "argument"),
                let value = evaluate(operand, byte),
                let op = node.child(byField: "operator")?.text
            else { return nil }
            switch (op, value) {
            case ("-", .int(let number)): return .int(-number)
            case ("-", .double(let number)): return .double(-number)
            case ("+", .int), ("+", .double): return value
            default: return nil
            }
        case "binary_operator":
            guard node.child(byField: "operator")?.text == "+",
                let left = node.child(byField: "left").flatMap({ evaluate($0, byte) }),
                let right = node.child(byField: "right").flatMap({ evaluate($0, byte) })
            else { return nil }
            switch (left, right) {
            case (.string(let a), .string(let b)) where a.utf8.count + b.utf8.count <= Self.sizeLimit: return .string(a + b)
            case (.int(let a), .int(let b)):
                let (sum, overflow) = a.addingReportingOverflow(b)
                return overflow ? nil : .int(sum)
            case (.array(let a), .array(let b)) where a.count + b.count <= Self.sizeLimit: return .array(a + b)
            default: return nil
            }
        case "subscript":
            guard let object = node.child(byField: "value").flatMap({ evaluate($0, byte) }),
                let index = node.child(byField: "subscript").flatMap({ evaluate($0, byte) })
            else { return fallback?(node) }
            switch (object, index) {
            case (.object(let members), .string(let key)): return members[key]
            case (.array(let items), .int(let position)):
                let resolved = position < 0 ? items.count + position : position
                return items.indices.contains(resolved) ? items[resolved] : nil
            default: return nil
            }
        case "comparison_operator", "boolean_operator", "not_operator":
            return compare(node, at: byte, evaluate)
        case "identifier":
            if let bound = bindings[node.text] { return bound }
            guard case .value(let value) = scope.lookup(node.text, before: byte) else { return fallback?(node) }
            return evaluate(value, value.startByte)
        default:
            return fallback?(node)
        }
    }

    /// `==`, `!=`, `in`, `not in`, `and`, `or`, `not` over literals: enough to
    /// decide `if ENV == "prod":` or skip `if __name__ == "__main__":`.
    private func compare(_ node: Node, at byte: Int, _ evaluate: (Node, Int) -> JSONValue?) -> JSONValue? {
        switch node.type {
        case "not_operator":
            guard let operand = node.child(byField: "argument"), case .bool(let value)? = evaluate(operand, byte)
            else { return nil }
            return .bool(!value)
        case "boolean_operator":
            guard let left = node.child(byField: "left").flatMap({ evaluate($0, byte) }),
                let right = node.child(byField: "right").flatMap({ evaluate($0, byte) }),
                case .bool(let a) = left, case .bool(let b) = right
            else { return nil }
            return .bool(node.child(byField: "operator")?.text == "and" ? a && b : a || b)
        default:
            let operands = node.significantChildren
            let operators = node.children.filter { !$0.isNamed }.map(\.text)
            guard operands.count == 2, operators.count >= 1,
                let left = evaluate(operands[0], byte),
                let right = evaluate(operands[1], byte)
            else { return nil }
            switch operators.joined(separator: " ") {
            case "==": return .bool(left == right)
            case "!=": return .bool(left != right)
            case "in": return right.arrayValue.map { .bool($0.contains(left)) }
            case "not in": return right.arrayValue.map { .bool(!$0.contains(left)) }
            default: return nil
            }
        }
    }

    /// Python's `str()` of a value, as an f-string replacement field shows it.
    static func pythonStr(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "True" : "False"
        case .null: return "None"
        default: return nil
        }
    }

    /// `json.dumps` turns non-string keys into strings the same way.
    static func jsonKey(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        default: return nil
        }
    }

    static func integer(_ text: String) -> Int? {
        let digits = text.filter { $0 != "_" }.lowercased()
        if digits.hasPrefix("0x") { return Int(digits.dropFirst(2), radix: 16) }
        if digits.hasPrefix("0o") { return Int(digits.dropFirst(2), radix: 8) }
        if digits.hasPrefix("0b") { return Int(digits.dropFirst(2), radix: 2) }
        return Int(digits)
    }
}
