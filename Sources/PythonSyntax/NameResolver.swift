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
        default:
            return nil
        }
    }
}
