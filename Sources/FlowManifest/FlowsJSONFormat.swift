import FlowDiscovery
import PythonSyntax

/// The flows.json manifest (schema: docs/flows.schema.json).
public struct FlowsJSONFormat: ManifestFormat {
    public static let name = "manifest"

    public init() {}

    public func render(_ manifest: Manifest) -> String {
        json(manifest).serialized() + "\n"
    }

    public func json(_ manifest: Manifest) -> JSONValue {
        [
            "schema_version": .int(Manifest.schemaVersion),
            "generator": ["name": .string(Generator.name), "version": .string(Generator.version)],
            "flows": .array(manifest.flows.map(Self.json)),
            "diagnostics": .array(manifest.diagnostics.map(Self.json)),
        ]
    }

    public static func json(_ flow: Flow) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(flow.id),
            "kind": .string(flow.kind.rawValue),
            "name": flow.name.map(JSONValue.string) ?? .null,
            "file": .string(flow.file),
            "line": .int(flow.line),
            "column": .int(flow.column),
            "end_line": .int(flow.endLine),
            "function": .string(flow.function),
            "entrypoint": .string(flow.entrypoint),
            "grouping": .array(flow.grouping.map(JSONValue.string)),
            "description": flow.description.map(JSONValue.string) ?? .null,
            "dynamic": .bool(flow.dynamic),
            "parameters": .array(flow.parameters.map(json)),
            "parameter_schema": flow.parameterSchema,
        ]
        if let expression = flow.nameExpression { object["name_expression"] = .string(expression) }
        for (key, value) in flow.metadata { object[key] = value }
        return .object(object)
    }

    static func json(_ parameter: FlowParameter) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(parameter.name),
            "position": .int(parameter.position),
            "kind": .string(parameter.kind.rawValue),
            "annotation": parameter.annotation.map(JSONValue.string) ?? .null,
            "required": .bool(parameter.required),
        ]
        if let value = parameter.defaultValue { object["default"] = value }
        if let expression = parameter.defaultExpression { object["default_expression"] = .string(expression) }
        return .object(object)
    }

    public static func json(_ diagnostic: Diagnostic) -> JSONValue {
        [
            "code": .string(diagnostic.code.rawValue),
            "severity": .string(diagnostic.severity.rawValue),
            "message": .string(diagnostic.message),
            "file": .string(diagnostic.file),
            "line": .int(diagnostic.line),
            "column": .int(diagnostic.column),
        ]
    }
}
