import PythonTreeSitter

/// One parameter of a `def`, as written.
public struct Parameter: Sendable {
    public enum Kind: String, Sendable {
        case positionalOnly = "positional_only"
        case positional = "positional"
        case keywordOnly = "keyword_only"
        case varPositional = "var_positional"
        case varKeyword = "var_keyword"
    }

    public let name: String
    public let position: Int
    public let kind: Kind
    /// The annotation expression (inside the `type` node), if any.
    public let annotation: Node?
    /// The default value expression, if any.
    public let defaultValue: Node?
    public let node: Node

    /// A caller must pass it: no default and not `*args` / `**kwargs`.
    public var isRequired: Bool {
        defaultValue == nil && kind != .varPositional && kind != .varKeyword
    }
}

/// The parameters of a `function_definition`, in order, with their kinds.
public enum FunctionSignature {
    public static func parameters(of function: Node) -> [Parameter] {
        guard let list = function.child(byField: "parameters") else { return [] }
        let items = list.significantChildren
        // Everything before a `/` is positional-only; after `*` or `*args`, keyword-only.
        var keywordOnly = false
        var result: [Parameter] = []
        for item in items {
            switch item.type {
            case "positional_separator":
                result = result.map {
                    Parameter(name: $0.name, position: $0.position, kind: .positionalOnly, annotation: $0.annotation,
                        defaultValue: $0.defaultValue, node: $0.node)
                }
                continue
            case "keyword_separator":
                keywordOnly = true
                continue
            default:
                break
            }
            guard let name = parameterName(item) else { continue }
            let pattern = item.type == "typed_parameter" ? item.namedChildren.first : item
            var kind: Parameter.Kind = keywordOnly ? .keywordOnly : .positional
            if pattern?.type == "list_splat_pattern" {
                kind = .varPositional
                keywordOnly = true
            } else if pattern?.type == "dictionary_splat_pattern" {
                kind = .varKeyword
            }
            let annotation = item.child(byField: "type").map { $0.namedChildren.first ?? $0 }
            let defaultValue = item.child(byField: "value")
            result.append(Parameter(name: name, position: result.count, kind: kind, annotation: annotation,
                defaultValue: defaultValue, node: item))
        }
        return result
    }

    /// The bound name of a parameter node, without `*` / `**`.
    public static func parameterName(_ item: Node) -> String? {
        switch item.type {
        case "identifier":
            return item.text
        case "typed_parameter":
            return item.namedChildren.first.flatMap(parameterName)
        case "default_parameter", "typed_default_parameter":
            return item.child(byField: "name").flatMap(parameterName)
        case "list_splat_pattern", "dictionary_splat_pattern":
            return item.namedChildren.first { $0.type == "identifier" }?.text
        default:
            return nil
        }
    }

    /// True for `async def`.
    public static func isAsync(_ function: Node) -> Bool {
        function.child(0)?.type == "async"
    }
}
