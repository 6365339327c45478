import Foundation
import Testing
import TestSupport

/// docs/flows.schema.json is the published contract; every golden manifest must satisfy it.
/// The check runs Python's jsonschema (a validator we did not write) over the files.
@Suite struct ManifestSchemaTests {
    @Test func everyGoldenManifestMatchesTheSchema() throws {
        let schema = Fixtures.repositoryRoot.appendingPathComponent("docs/flows.schema.json").path
        let goldens = Fixtures.cases("scan").map {
            Fixtures.folder("scan", $0).appendingPathComponent("expected.json").path
        }
        #expect(goldens.count >= 30)
        let script = Fixtures.repositoryRoot.appendingPathComponent("Tests/tools/validate_json_schema.py").path
        let result = try Run.process(Run.python, [script, schema] + goldens)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// The other machine-readable outputs of the scan and check, against theirs.
    @Test(arguments: [("acme-portal-flows", "scan/example-etl/expected.acme-portal.json"), ("check", "reporters/expected.json.txt")])
    func goldenOutputsMatchTheirSchemas(_ schema: String, _ golden: String) throws {
        let result = try Run.process(Run.python, [Self.validator, Self.schema(schema), Fixtures.root.appendingPathComponent(golden).path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    static let validator = Fixtures.repositoryRoot.appendingPathComponent("Tests/tools/validate_json_schema.py").path
    static func schema(_ name: String) -> String { Fixtures.repositoryRoot.appendingPathComponent("docs/\(name).schema.json").path }

    @Test func theValidatorRejectsABrokenManifest() throws {
        // Guards against a validator that accepts everything.
        let folder = try TemporaryFolder()
        let broken = try folder.write("broken.json", #"{"schema_version": 1, "flows": [{"id": 3}], "diagnostics": []}"#)
        let schema = Fixtures.repositoryRoot.appendingPathComponent("docs/flows.schema.json").path
        let script = Fixtures.repositoryRoot.appendingPathComponent("Tests/tools/validate_json_schema.py").path
        let result = try Run.process(Run.python, [script, schema, broken.path])
        #expect(result.status == 1)
    }
}
