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
            "flows": .array(manifest.flows.map(\.json)),
            "diagnostics": .array(manifest.diagnostics.map(\.json)),
        ]
    }

}
