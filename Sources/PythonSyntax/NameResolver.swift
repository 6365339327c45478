import PythonTreeSitter

/// Turns an expression such as `p.flow` or `flow` into the fully qualified
/// name it refers to (`prefect.flow`) by following the file's imports and
/// simple aliases (`my_flow = prefect.flow`). Never guesses from spelling:
/// a name defined locally, or bound by something we cannot follow, resolves to nil.
public enum NameResolver {
    public static func qualifiedName(of expression: Node, in scope: Scope, at byte: Int) -> String? {
        qualifiedName(of: expression, in: scope, at: byte, depth: 0)
    }

    private static func qualifiedName(of expression: Node, in scope: Scope, at byte: Int?, depth: Int) -> String? {
        guard depth < 16 else { return nil }
        switch expression.type {
        case "identifier":
            switch scope.lookup(expression.text, before: byte) {
            case .module(let name), .imported(let name):
                return name
            case .wildcard(let module):
                return module + "." + expression.text
            case .value(let value):
                // `alias = prefect.flow`: follow the alias where it was made.
                guard value.type == "identifier" || value.type == "attribute" else { return nil }
                return qualifiedName(of: value, in: scope, at: value.startByte, depth: depth + 1)
            default:
                return nil
            }
        case "attribute":
            guard let object = expression.child(byField: "object"),
                let attribute = expression.child(byField: "attribute"),
                let base = qualifiedName(of: object, in: scope, at: byte, depth: depth + 1)
            else { return nil }
            return base + "." + attribute.text
        case "parenthesized_expression":
            guard let inner = expression.significantChildren.first else { return nil }
            return qualifiedName(of: inner, in: scope, at: byte, depth: depth + 1)
        case "subscript":
            // `decorators[0]` or `table["flow"]` over a literal list, tuple or dict (PEP 614 decorators).
            guard let element = element(of: expression, in: scope, at: byte) else { return nil }
            return qualifiedName(of: element, in: scope, at: element.startByte, depth: depth + 1)
        default:
            return nil
        }
    }

    /// The element `container[key]` names when the container is a name bound to a
    /// literal list, tuple or dict and the key a literal integer or string.
    private static func element(of access: Node, in scope: Scope, at byte: Int?) -> Node? {
        guard let container = access.child(byField: "value"), container.type == "identifier",
            case .value(let literal)? = scope.lookup(container.text, before: byte),
            let key = access.child(byField: "subscript")
        else { return nil }
        switch literal.type {
        case "list", "tuple":
            var text = key.text.filter { !$0.isWhitespace }
            let negative = text.hasPrefix("-")
            if negative { text.removeFirst() }
            guard key.type == "integer" || key.type == "unary_operator", var index = Int(text) else { return nil }
            let items = literal.significantChildren
            if negative { index = items.count - index }
            guard items.indices.contains(index), !["list_splat", "parenthesized_list_splat"].contains(items[index].type)
            else { return nil }
            return items[index]
        case "dictionary":
            guard let wanted = StringLiteral.value(of: key) else { return nil }
            // The last pair with that key wins, as in a dict display.
            return literal.significantChildren.last { pair in
                pair.type == "pair" && pair.child(byField: "key").flatMap { StringLiteral.value(of: $0) } == wanted
            }?.child(byField: "value")
        default:
            return nil
        }
    }
}
