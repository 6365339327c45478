import Foundation
import Testing
import TestSupport

/// The binary on files nested 100,000 deep: `scan` and `check` exit 0 with
/// ACS007 and keep the file's other flows; `generate` names the config line.
@Suite struct DeepInputCommandTests {
    static let deep = 100_000
    static let source = "from prefect import flow\n\n@flow\ndef deep(x=" + String(repeating: "(", count: deep) + "1"
        + String(repeating: ")", count: deep) + "):\n    pass\n\n@flow\ndef kept():\n    pass\n"

    func acmeScan(_ arguments: [String], in directory: URL) throws -> ProcessResult {
        try Run.process(Run.acmeScanBinary, arguments, in: directory)
    }

    @Test func scanReportsTheDepthAndKeepsTheFlows() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows/deep.py", Self.source)
        try folder.write("flows/unclosed.py", "from prefect import flow\nf = flow\nx = " + String(repeating: "[", count: Self.deep) + "\n")
        let result = try acmeScan(["scan", "-o", "-", "--no-cache"], in: folder.url)
        #expect(result.status == 0)
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let flows = try #require(manifest["flows"] as? [[String: Any]])
        #expect(flows.map { $0["name"] as? String } == ["deep", "kept"])
        let diagnostics = try #require(manifest["diagnostics"] as? [[String: Any]])
        let located = diagnostics.map { "\($0["code"]!) \($0["file"]!):\($0["line"]!):\($0["column"]!)" }
        #expect(located == ["ACS007 flows/deep.py:4:1012", "ACS007 flows/unclosed.py:3:5"])
    }

    @Test func checkWarnsAndPasses() throws {
        let folder = try TemporaryFolder()
        try folder.write("deep.py", Self.source)
        let result = try acmeScan(["check", "--format", "concise", "--no-cache"], in: folder.url)
        #expect(result.status == 0, "a warning does not fail the check")
        #expect(result.stdout.contains("deep.py:4:1012: ACS007 [warning] code nested more than 1000 levels deep"))
    }

    @Test func generateNamesTheLineOfADeepConfiguration() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows/etl.py", "from prefect import flow\n\n@flow\ndef etl():\n    pass\n")
        try folder.write("acme.toml", "project = \"demo\"\nvalue = " + String(repeating: "[", count: Self.deep)
            + String(repeating: "]", count: Self.deep) + "\n")
        let result = try acmeScan(["generate"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("acme.toml:2:1009"))
        #expect(result.stderr.contains("nested more than 1000 deep"))
    }

    @Test func generateSetsADeepFlowsJSONAsideAndScans() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows/etl.py", "from prefect import flow\n\n@flow\ndef etl():\n    pass\n")
        try folder.write("acme.toml", "project = \"demo\"\n\n[defaults]\nwork-pool = \"pool\"\n\n[[environments]]\nname = \"dev\"\nbackend = \"prefect\"\n")
        // A flows.json newer than the sources is read instead of scanning.
        let manifest = try folder.write("flows.json", String(repeating: "[", count: Self.deep) + String(repeating: "]", count: Self.deep))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: manifest.path)
        let result = try acmeScan(["generate", "--branch", "main"], in: folder.url)
        #expect(result.stderr.contains("flows.json not used (not JSON: 1:2001: nested more than 2000 deep); scanning"))
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("prefect.yaml").path))
    }
}
