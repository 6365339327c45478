import PythonTreeSitter

/// The arguments of a call, split the way Python binds them.
struct CallArguments {
    var positional: [Node] = []
    /// Keyword arguments in source order.
    var keywords: [(name: String, value: Node)] = []
    /// `*args` and `**kwargs` passed through: their contents are unknown.
    var splats: [Node] = []
    /// Positional arguments and `*args` splats in the order written.
    var ordered: [Node] = []

    init(_ argumentList: Node?) {
        guard let argumentList else { return }
        for argument in argumentList.significantChildren {
            switch argument.type {
            case "keyword_argument":
                if let name = argument.child(byField: "name"), let value = argument.child(byField: "value") {
                    keywords.append((name.text, value))
                }
            case "list_splat", "dictionary_splat":
                splats.append(argument)
                if argument.type == "list_splat" { ordered.append(argument) }
            default:
                positional.append(argument)
                ordered.append(argument)
            }
        }
    }

    func keyword(_ name: String) -> Node? {
        keywords.last { $0.name == name }?.value
    }
}
