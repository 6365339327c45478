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
        var json: [String: JSONValue] = [
            "schema_version": .int(Manifest.schemaVersion),
            "generator": ["name": .string(Generator.name), "version": .string(Generator.version)],
            "flows": .array(manifest.flows.map(\.json)),
            "diagnostics": .array(manifest.diagnostics.map(\.json)),
        ]
        if let target = manifest.airflowTargetShown {
            var airflow = Self.json(target)
            if !manifest.airflowFolders.isEmpty {
                airflow["folders"] = .array(manifest.airflowFolders.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                    .map { folder, target in
                        var entry = Self.json(target)
                        entry["folder"] = .string(folder)
                        return .object(entry)
                    })
            }
            json["airflow"] = .object(airflow)
        }
        return .object(json)
    }

    static func json(_ target: AirflowTarget) -> [String: JSONValue] {
        ["version": .int(target.major), "source": .string(target.source.rawValue), "reason": .string(target.reason)]
    }

    static func target(_ json: JSONValue?) -> AirflowTarget? {
        guard case .int(let major)? = json?["version"], let source = json?["source"]?.stringValue.flatMap(AirflowTarget.Source.init),
            let reason = json?["reason"]?.stringValue
        else { return nil }
        return AirflowTarget(major: major, source: source, reason: reason)
    }
}

extension FlowsJSONFormat {
    public struct ReadError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Reads a flows.json back. Fails on another schema version or generator
    /// version: their flows may not mean what this build's would.
    public static func read(_ bytes: [UInt8]) throws(ReadError) -> Manifest {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch {
            throw ReadError(message: "not JSON: \(error)")
        }
        guard json["schema_version"] == .int(Manifest.schemaVersion) else { throw ReadError(message: "another schema version") }
        guard json["generator"]?["version"]?.stringValue == Generator.version else { throw ReadError(message: "written by another acme-scan") }
        do {
            let flows = try (json["flows"]?.arrayValue ?? []).map { (item) throws(FlowJSONError) in try Flow(json: item) }
            let diagnostics = try (json["diagnostics"]?.arrayValue ?? []).map { (item) throws(FlowJSONError) in try Diagnostic(json: item) }
            var folders: [String: AirflowTarget] = [:]
            for entry in json["airflow"]?["folders"]?.arrayValue ?? [] {
                if let folder = entry["folder"]?.stringValue, let target = target(entry) { folders[folder] = target }
            }
            return Manifest(flows: flows, diagnostics: diagnostics, airflow: target(json["airflow"]), airflowFolders: folders)
        } catch {
            throw ReadError(message: error.description)
        }
    }
}
