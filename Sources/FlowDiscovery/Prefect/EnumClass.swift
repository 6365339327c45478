import PythonSyntax
import PythonTreeSitter

/// A class in the scanned file that subclasses an Enum type, read statically.
struct EnumClass {
    let name: String
    /// Member name → value, in definition order.
    let members: [(name: String, value: JSONValue)]
    let docstring: String?

    static let enumBases: Set<String> = ["enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag"]

    init?(_ definition: Node, scope: Scope) {
        guard definition.type == "class_definition", let nameNode = definition.child(byField: "name"),
            let bases = definition.child(byField: "superclasses")
        else { return nil }
        let isEnum = bases.significantChildren.contains { base in
            NameResolver.qualifiedName(of: base, in: scope, at: definition.startByte).map(Self.enumBases.contains) ?? false
        }
        guard isEnum, let body = definition.child(byField: "body") else { return nil }
        let evaluator = LiteralEvaluator(scope: scope)
        var members: [(String, JSONValue)] = []
        for statement in body.significantChildren where statement.type == "expression_statement" {
            guard let assignment = statement.namedChild(0), assignment.type == "assignment",
                let left = assignment.child(byField: "left"), left.type == "identifier",
                let right = assignment.child(byField: "right"), !left.text.hasPrefix("_")
            else { continue }
            // auto() and other computed values cannot be known without running the class body.
            guard let value = evaluator.evaluate(right) else { return nil }
            members.append((left.text, value))
        }
        name = nameNode.text
        self.members = members
        docstring = Docstring.raw(ofBody: body).map(Docstring.clean)
    }

    /// pydantic's schema for the enum: values, title, the shared type, and the docstring.
    var schema: JSONValue {
        let values = members.map(\.value)
        var result: [String: JSONValue] = ["enum": .array(values), "title": .string(name)]
        if let type = TypeSchema.commonJSONType(values) { result["type"] = .string(type) }
        if let docstring, !docstring.isEmpty { result["description"] = .string(docstring) }
        return .object(result)
    }

    func value(ofMember member: String) -> JSONValue? {
        members.first { $0.name == member }?.value
    }
}
