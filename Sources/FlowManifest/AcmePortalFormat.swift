import FlowDiscovery
import PythonSyntax

/// The list of `FlowDetails` objects the acme-portal editor extension reads.
///
/// FlowDetails is a dataclass built with `cls(**d)`, so only its own fields
/// appear at the top level; everything else acme-scan knows goes into
/// `child_attributes`. Unlike the SDK's finders, `id` is stable across runs
/// and `line_number` is always set.
public struct AcmePortalFormat: ManifestFormat {
    public static let name = "acme-portal"

    public init() {}

    public func render(_ manifest: Manifest) -> String {
        JSONValue.array(manifest.flows.map(Self.flowDetails)).serialized() + "\n"
    }

    static func flowDetails(_ flow: Flow) -> JSONValue {
        // The extension joins flows to deployments on the underscore form of the name.
        let originalName = flow.name ?? flow.function
        let module = flow.file.split(separator: "/").last.map { String($0.dropLast(3)) } ?? flow.file
        var attributes: [String: JSONValue] = [
            "obj_name": .string(flow.function),
            "module": .string(module),
            "import_path": .string(String(flow.file.dropLast(3)).replacingOccurrences(of: "/", with: ".")),
            "kind": .string(flow.kind.rawValue),
            "entrypoint": .string(flow.entrypoint),
            "dynamic": .bool(flow.dynamic),
            "parameters": .array(flow.parameters.map(\.json)),
            "parameter_schema": flow.parameterSchema,
        ]
        if let expression = flow.nameExpression {
            attributes["name_expression"] = .string(expression)
            attributes["name_unresolved"] = true
        }
        for (key, value) in flow.metadata { attributes[key] = value }
        return [
            "name": .string(originalName.replacingOccurrences(of: "-", with: "_")),
            "original_name": .string(originalName),
            "description": flow.description.map(JSONValue.string) ?? .null,
            "id": .string(flow.id),
            "source_path": .string(flow.file),
            "source_relative": .string(flow.file),
            "line_number": .int(flow.line),
            "grouping": .array(flow.grouping.map(JSONValue.string)),
            "child_attributes": .object(attributes),
        ]
    }
}
