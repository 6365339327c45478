import NestingLimit
import PythonSyntax
import PythonTreeSitter

/// Builds the JSON Schema pydantic v2 gives a Python annotation, as Prefect
/// uses it for `parameter_openapi_schema`. Names are resolved through the
/// file's imports; Enum classes defined in the same file become
/// `#/definitions/Name` references. Anything we cannot resolve gets `{}`, a
/// schema that accepts every value, so a deployment never rejects valid input.
struct TypeSchema {
    let scope: Scope
    let byte: Int
    /// Enum definitions met so far, by class name.
    private(set) var definitions: [String: JSONValue] = [:]
    /// How deep the walk is in nested annotations (`list[list[...]]`, see NestingDepth).
    private var depth = NestingDepth.top

    init(scope: Scope, at byte: Int) {
        self.scope = scope
        self.byte = byte
    }

    /// Set when part of an annotation could not be resolved. Prefect then
    /// falls back to `Any` for the whole parameter, and so do we.
    var sawUnknown = false

    mutating func schema(for annotation: Node) -> JSONValue {
        guard let deeper = annotation.descend(from: depth) else { return unknown() }
        let outer = depth
        depth = deeper
        defer { depth = outer }
        switch annotation.type {
        case "type", "parenthesized_expression":
            return annotation.significantChildren.first.map { schema(for: $0) } ?? unknown()
        case "none":
            return ["type": "null"]
        case "union_type":
            return union(unionMembers(annotation))
        case "binary_operator" where annotation.child(byField: "operator")?.text == "|":
            return union(unionMembers(annotation))
        case "generic_type":
            // `list[int]` in an annotation: the generic's name, then a type_parameter list.
            guard let generic = annotation.significantChildren.first else { return unknown() }
            let arguments = annotation.significantChildren.first { $0.type == "type_parameter" }?.significantChildren ?? []
            return subscripted(resolve(generic), arguments: arguments)
        case "subscript":
            guard let generic = annotation.child(byField: "value") else { return unknown() }
            return subscripted(resolve(generic), arguments: annotation.children(byField: "subscript"))
        case "identifier", "attribute":
            return plain(resolve(annotation))
        case "string":
            return forwardReference(annotation)
        default:
            return unknown()
        }
    }

    private mutating func unknown() -> JSONValue {
        sawUnknown = true
        return [:]
    }

    /// `x: "list[int]"`: Prefect evaluates string annotations, so we parse them.
    private mutating func forwardReference(_ node: Node) -> JSONValue {
        guard let text = StringLiteral.value(of: node), let parser = try? PythonParser(), let tree = try? parser.parse(text)
        else { return unknown() }
        guard !tree.root.hasError, let statement = tree.root.significantChildren.first,
            statement.type == "expression_statement", let expression = statement.significantChildren.first
        else { return unknown() }
        return schema(for: expression)
    }

    /// What an annotation name means: a qualified name (`typing.Optional`,
    /// `builtins.int`), or a class defined in this file.
    enum Resolved {
        case qualified(String)
        case localClass(Node)
        case unknown
    }

    func resolve(_ node: Node) -> Resolved {
        if node.type == "identifier", Self.builtins.contains(node.text), Self.isUnbound(node.text, in: scope, at: byte) {
            return .qualified("builtins." + node.text)
        }
        if let name = NameResolver.qualifiedName(of: node, in: scope, at: byte) {
            return .qualified(Self.canonical(name))
        }
        if node.type == "identifier" {
            switch scope.lookup(node.text, before: byte) {
            case .class(let definition)?: return .localClass(definition)
            default: return .unknown
            }
        }
        return .unknown
    }

    // typing_extensions and collections.abc spell the same types.
    static func canonical(_ name: String) -> String {
        for prefix in ["typing_extensions.", "collections.abc."] where name.hasPrefix(prefix) {
            return "typing." + name.dropFirst(prefix.count)
        }
        if name.hasPrefix("pathlib.") { return "pathlib.Path" }
        return name
    }

    /// True when nothing in the file binds `name`, so it means the builtin.
    static func isUnbound(_ name: String, in scope: Scope, at byte: Int) -> Bool {
        switch scope.lookup(name, before: byte) {
        case nil, .wildcard?: true
        default: false
        }
    }

    static let builtins: Set<String> = ["str", "int", "float", "bool", "bytes", "list", "dict", "set", "frozenset",
        "tuple", "object", "type"]

    private mutating func plain(_ resolved: Resolved) -> JSONValue {
        switch resolved {
        case .qualified(let name):
            switch name {
            case "builtins.str": return ["type": "string"]
            case "builtins.int": return ["type": "integer"]
            case "builtins.float": return ["type": "number"]
            case "builtins.bool": return ["type": "boolean"]
            case "builtins.bytes": return ["type": "string", "format": "binary"]
            case "builtins.list", "typing.List", "typing.Sequence", "typing.Iterable", "typing.MutableSequence",
                "builtins.tuple", "typing.Tuple":
                return ["type": "array", "items": [:]]
            case "builtins.set", "builtins.frozenset", "typing.Set", "typing.FrozenSet", "typing.MutableSet":
                return ["type": "array", "items": [:], "uniqueItems": true]
            case "builtins.dict", "typing.Dict", "typing.Mapping", "typing.MutableMapping":
                return ["type": "object", "additionalProperties": true]
            case "datetime.datetime": return ["type": "string", "format": "date-time"]
            case "datetime.date": return ["type": "string", "format": "date"]
            case "datetime.time": return ["type": "string", "format": "time"]
            case "datetime.timedelta": return ["type": "string", "format": "duration"]
            case "pathlib.Path": return ["type": "string", "format": "path"]
            case "uuid.UUID": return ["type": "string", "format": "uuid"]
            case "decimal.Decimal": return ["anyOf": [["type": "number"], ["type": "string"]]]
            case "typing.Any", "builtins.object", "builtins.type", "typing.Type": return [:]
            default: return unknown()
            }
        case .localClass(let definition):
            guard let enumeration = EnumClass(definition, scope: scope) else { return unknown() }
            definitions[enumeration.name] = enumeration.schema
            return ["$ref": .string("#/definitions/\(enumeration.name)")]
        case .unknown:
            return unknown()
        }
    }

    private mutating func subscripted(_ generic: Resolved, arguments: [Node]) -> JSONValue {
        guard case .qualified(let name) = generic else { return unknown() }
        let unwrapped = arguments.map { $0.type == "type" ? ($0.significantChildren.first ?? $0) : $0 }
        let items = unwrapped.count == 1 && unwrapped[0].type == "tuple" && unwrapped[0].namedChildCount > 0
            ? unwrapped[0].significantChildren : unwrapped
        switch name {
        case "typing.Optional":
            return union(items).addingNull()
        case "typing.Union":
            return union(items)
        case "typing.Literal":
            return literal(items)
        case "typing.Annotated":
            return items.first.map { schema(for: $0) } ?? unknown()
        case "builtins.list", "typing.List", "typing.Sequence", "typing.Iterable", "typing.MutableSequence":
            return ["type": "array", "items": items.first.map { schema(for: $0) } ?? [:]]
        case "builtins.set", "builtins.frozenset", "typing.Set", "typing.FrozenSet", "typing.MutableSet":
            return ["type": "array", "items": items.first.map { schema(for: $0) } ?? [:], "uniqueItems": true]
        case "builtins.tuple", "typing.Tuple":
            if items.count == 2, items[1].type == "ellipsis" {
                return ["type": "array", "items": schema(for: items[0])]
            }
            if items.count == 1, items[0].type == "tuple", items[0].namedChildCount == 0 {
                return ["type": "array", "minItems": 0, "maxItems": 0]
            }
            return ["type": "array", "prefixItems": .array(items.map { schema(for: $0) }),
                "minItems": .int(items.count), "maxItems": .int(items.count)]
        case "builtins.dict", "typing.Dict", "typing.Mapping", "typing.MutableMapping":
            guard items.count == 2 else { return ["type": "object", "additionalProperties": true] }
            let values = schema(for: items[1])
            return ["type": "object", "additionalProperties": values == [:] ? true : values]
        default:
            return unknown()
        }
    }

    /// The members of `A | B | C` in order. tree-sitter nests the operators to
    /// the left, as deep as the union is long, so this loops with its own stack.
    private func unionMembers(_ node: Node) -> [Node] {
        var members: [Node] = []
        var pending = [node]
        while let next = pending.popLast() {
            if next.type == "union_type" {
                pending += next.significantChildren.reversed()
            } else if next.type == "type", let inner = next.significantChildren.first {
                pending.append(inner)
            } else if next.type == "binary_operator", next.child(byField: "operator")?.text == "|",
                let left = next.child(byField: "left"), let right = next.child(byField: "right")
            {
                pending += [right, left]
            } else {
                members.append(next)
            }
        }
        return members
    }

    /// `Union[...]` / `X | Y`: members flattened and deduplicated as typing does;
    /// a single member is just that member.
    private mutating func union(_ members: [Node]) -> JSONValue {
        var schemas: [JSONValue] = []
        for member in members {
            let memberSchema = schema(for: member)
            let flattened = memberSchema["anyOf"]?.arrayValue.map { $0 } ?? [memberSchema]
            for item in flattened where !schemas.contains(item) { schemas.append(item) }
        }
        // pydantic puts None last: Union[int, None, str] is anyOf [int, str, null].
        let null: JSONValue = ["type": "null"]
        if let index = schemas.firstIndex(of: null) { schemas.append(schemas.remove(at: index)) }
        if schemas.count == 1 { return schemas[0] }
        return ["anyOf": .array(schemas)]
    }

    private mutating func literal(_ items: [Node]) -> JSONValue {
        let evaluator = LiteralEvaluator(scope: scope)
        var values: [JSONValue] = []
        for item in items {
            guard let value = evaluator.evaluate(item, at: byte) else { return unknown() }
            values.append(value)
        }
        var result: [String: JSONValue] = values.count == 1 ? ["const": values[0]] : ["enum": .array(values)]
        if let type = Self.commonJSONType(values) { result["type"] = .string(type) }
        return .object(result)
    }

    /// The JSON type all values share, as pydantic names it for enums and literals.
    static func commonJSONType(_ values: [JSONValue]) -> String? {
        let types = Set(values.map { value -> String in
            switch value {
            case .string: "string"
            case .int: "integer"
            case .double: "number"
            case .bool: "boolean"
            case .null: "null"
            case .array: "array"
            case .object: "object"
            }
        })
        return types.count == 1 ? types.first : nil
    }
}

extension JSONValue {
    /// `Optional[X]`: X or null, flattening an existing anyOf.
    func addingNull() -> JSONValue {
        let null: JSONValue = ["type": "null"]
        if self == null { return self }
        var members = self["anyOf"]?.arrayValue ?? [self]
        if !members.contains(null) { members.append(null) }
        return ["anyOf": .array(members)]
    }
}
