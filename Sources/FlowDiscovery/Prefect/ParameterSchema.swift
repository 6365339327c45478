import PythonSyntax
import PythonTreeSitter

/// A flow's parameters as flows.json lists them, and the JSON Schema Prefect
/// builds for them (`parameter_openapi_schema`): one property per parameter
/// with `title`, `position`, `default` and the docstring's description;
/// `self` / `cls` left out; `required` only when not empty; `definitions` always.
enum ParameterSchema {
    static func build(function: Node, scope: Scope, descriptions: [String: String]) -> (parameters: [FlowParameter], schema: JSONValue) {
        let byte = function.startByte
        var types = TypeSchema(scope: scope, at: byte)
        let defaults = DefaultValue(scope: scope, byte: byte)
        var parameters: [FlowParameter] = []
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        for parameter in FunctionSignature.parameters(of: function) {
            // Prefect counts positions before dropping self/cls, so a method's first real parameter is 1.
            if parameter.name == "self" || parameter.name == "cls" { continue }
            let defaultValue = parameter.defaultValue.flatMap(defaults.json)
            parameters.append(FlowParameter(
                name: parameter.name, position: parameter.position, kind: parameter.kind,
                annotation: parameter.annotation?.text,
                defaultValue: defaultValue,
                defaultExpression: defaultValue == nil ? parameter.defaultValue?.text : nil,
                required: parameter.isRequired))

            types.sawUnknown = false
            var property = parameter.annotation.map { types.schema(for: $0) } ?? [:]
            if types.sawUnknown { property = [:] }
            switch parameter.kind {
            case .varPositional:
                property = ["type": "array", "items": property, "default": []]
            case .varKeyword:
                property = ["type": "object", "additionalProperties": property == [:] ? true : property, "default": [:]]
            default:
                if let defaultValue { property = property.merging(["default": defaultValue]) }
            }
            property = property.merging(["title": .string(parameter.name), "position": .int(parameter.position)])
            if let description = descriptions[parameter.name] {
                property = property.merging(["description": .string(description)])
            }
            properties[parameter.name] = property
            if parameter.isRequired { required.append(.string(parameter.name)) }
        }
        var schema: [String: JSONValue] = [
            "title": "Parameters", "type": "object",
            "properties": .object(properties), "definitions": .object(types.definitions),
        ]
        if !required.isEmpty { schema["required"] = .array(required) }
        return (parameters, .object(schema))
    }
}

extension JSONValue {
    /// An object with `other`'s members added (theirs win); non-objects are replaced.
    func merging(_ other: [String: JSONValue]) -> JSONValue {
        var members = objectValue ?? [:]
        for (key, value) in other { members[key] = value }
        return .object(members)
    }
}
