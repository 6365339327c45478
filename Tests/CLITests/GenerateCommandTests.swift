import Foundation
import Testing
import TestSupport

/// `acme-scan init` and `acme-scan generate` as users run them: exit codes,
/// the refusal to overwrite hand-written files, and `--check` in CI.
@Suite struct GenerateCommandTests {
    func acmeScan(_ arguments: [String], in directory: URL) throws -> ProcessResult {
        try Run.process(Run.acmeScanBinary, arguments, in: directory)
    }

    static let flow = """
        from prefect import flow


        @flow(name="etl-daily")
        def etl(limit: int = 10):
            \"\"\"Load.\"\"\"
        """

    static let config = """
        project = "demo"

        [defaults]
        work-pool = "pool"

        [[environments]]
        name = "dev"
        backend = "prefect"

        [[environments]]
        name = "prod"
        backend = "prefect"

        """

    @Test func initWritesAConfigThatGenerateAccepts() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows/etl.py", Self.flow)
        let initialised = try acmeScan(["init"], in: folder.url)
        #expect(initialised.status == 0)
        let text = try String(contentsOf: folder.url.appendingPathComponent("acme.toml"), encoding: .utf8)
        for environment in ["dev", "tst", "uat", "prod"] { #expect(text.contains("name = \"\(environment)\"")) }
        #expect(text.contains("# [flows.\"etl-daily\"]"))
        let generated = try acmeScan(["generate", "--branch", "main"], in: folder.url)
        #expect(generated.status == 0, "\(generated.stderr)")
        let yaml = try String(contentsOf: folder.url.appendingPathComponent("prefect.yaml"), encoding: .utf8)
        #expect(yaml.components(separatedBy: "- name: ").count - 1 == 4)  // one flow in four environments
        let again = try acmeScan(["init"], in: folder.url)
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists; refusing to overwrite it (use --force)"))
        #expect(try acmeScan(["init", "--force"], in: folder.url).status == 0)
    }

    @Test func checkFailsWithADiffWhenStaleAndIgnoresTheRecordedCommit() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows/etl.py", Self.flow)
        try folder.write("acme.toml", Self.config)
        #expect(try acmeScan(["generate", "--branch", "main", "--commit", String(repeating: "a", count: 40)], in: folder.url).status == 0)
        // No git here: --check regenerates for the branch and commit the file records.
        // check reads the same file and does not warn about the project settings.
        let checked = try acmeScan(["check"], in: folder.url)
        #expect(!checked.stderr.contains("unknown key"), "\(checked.stderr)")
        let clean = try acmeScan(["generate", "--check"], in: folder.url)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.isEmpty)
        try folder.write("acme.toml", Self.config.replacingOccurrences(of: "work-pool = \"pool\"", with: "work-pool = \"other\""))
        let stale = try acmeScan(["generate", "--check"], in: folder.url)
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("--- a/prefect.yaml\n+++ b/prefect.yaml\n"))
        #expect(stale.stdout.contains("-    name: pool\n+    name: other\n"))
        #expect(stale.stderr.contains("stale: prefect.yaml"))
    }

    @Test func handWrittenFilesAreNotOverwrittenWithoutForce() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows/etl.py", Self.flow)
        try folder.write("acme.toml", Self.config)
        try folder.write("prefect.yaml", "# mine\ndeployments: []\n")
        let refused = try acmeScan(["generate"], in: folder.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not written by acme-scan generate; refusing to overwrite it (use --force)"))
        #expect(try String(contentsOf: folder.url.appendingPathComponent("prefect.yaml"), encoding: .utf8) == "# mine\ndeployments: []\n")
        #expect(try acmeScan(["generate", "--force"], in: folder.url).status == 0)
        #expect(try String(contentsOf: folder.url.appendingPathComponent("prefect.yaml"), encoding: .utf8).contains("acme-scan-generated:"))
    }

    @Test func configurationErrorsAreLocatedAndWriteNothing() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows/etl.py", Self.flow)
        try folder.write("acme.toml", Self.config + "[flows.etl-daly]\nparameters = { limit = \"x\" }\n")
        let failed = try acmeScan(["generate"], in: folder.url)
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("acme.toml:13:1: error: no flow or DAG is named 'etl-daly'; did you mean 'etl-daily'?"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("prefect.yaml").path))
        let unknownEnvironment = try acmeScan(["generate", "--env", "prd"], in: folder.url)
        #expect(unknownEnvironment.status == 2)
        let missing = try TemporaryFolder()
        let noConfig = try acmeScan(["generate"], in: missing.url)
        #expect(noConfig.status == 2)
        #expect(noConfig.stderr.contains("acme-scan init"))
    }

    @Test func aRemovedEnvironmentsFileIsStaleThenRemoved() throws {
        let folder = try TemporaryFolder()
        try folder.write("dags/etl.py", "from airflow.sdk import DAG\n\nwith DAG(\"etl\", schedule=None):\n    pass\n")
        let airflow = "project = \"demo\"\n\n[[environments]]\nname = \"dev\"\nbackend = \"airflow\"\n"
        try folder.write("acme.toml", airflow + "\n[[environments]]\nname = \"prod\"\nbackend = \"airflow\"\n")
        #expect(try acmeScan(["generate", "--branch", "main"], in: folder.url).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("airflow.prod.yaml").path))
        try folder.write("acme.toml", airflow)
        let stale = try acmeScan(["generate", "--check"], in: folder.url)
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("+++ /dev/null"))
        #expect(try acmeScan(["generate"], in: folder.url).status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("airflow.prod.yaml").path))
        #expect(try acmeScan(["generate", "--check"], in: folder.url).status == 0)
    }

    @Test func aFreshFlowsJSONIsReadAndAStaleOneIgnored() throws {
        let folder = try TemporaryFolder()
        let source = try folder.write("flows/etl.py", Self.flow)
        try folder.write("acme.toml", Self.config)
        #expect(try acmeScan(["scan", "-q"], in: folder.url).status == 0)
        // Rename the flow in flows.json only: newer than the sources, so generate trusts it.
        let manifest = folder.url.appendingPathComponent("flows.json")
        let edited = try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "\"etl-daily\"", with: "\"from-manifest\"")
        try edited.write(to: manifest, atomically: true, encoding: .utf8)
        #expect(try acmeScan(["generate", "--branch", "main"], in: folder.url).status == 0)
        let yaml = folder.url.appendingPathComponent("prefect.yaml")
        #expect(try String(contentsOf: yaml, encoding: .utf8).contains("demo--main--from-manifest--dev"))
        // A source newer than flows.json: generate scans instead.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: source.path)
        #expect(try acmeScan(["generate", "--branch", "main"], in: folder.url).status == 0)
        #expect(try String(contentsOf: yaml, encoding: .utf8).contains("demo--main--etl-daily--dev"))
    }
}
