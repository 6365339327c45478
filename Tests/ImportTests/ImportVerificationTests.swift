import AcmeScanKit
import Foundation
import Synchronization
import Testing
import TestSupport

/// The import reads its acme.toml back as `generate` will before writing it: what
/// `generate` would refuse, or ship differently, stops it with nothing written.
@Suite struct ImportVerificationTests {
    static func importing(_ prefectYAML: String) throws -> (folder: TemporaryFolder, stderr: String, failed: Bool) {
        let folder = try TemporaryFolder()
        try folder.write("flows/etl.py", """
            from prefect import flow


            @flow
            def etl(limit: int = 10):
                pass

            """)
        try folder.write("prefect.yaml", prefectYAML)
        let errors = Mutex("")
        let log = Log(isTerminal: false) { text in errors.withLock { $0 += text } }
        do {
            try PrefectImportJob(path: folder.url.path, environments: ["dev", "prod"]).run(log: log)
            return (folder, errors.withLock { $0 }, false)
        } catch {
            return (folder, errors.withLock { $0 } + "\(error)\n", true)
        }
    }

    @Test func aValueGenerateWouldRefuseStopsTheImport() throws {
        let outcome = try Self.importing("""
            deployments:
            - name: etl-dev
              entrypoint: flows/etl.py:etl
              parameters: {limit: lots}
              work_pool: {name: pool}
              pull: []
            """)
        #expect(outcome.failed)
        #expect(outcome.stderr.contains("acme.toml:"))
        #expect(outcome.stderr.contains("does not pass `generate`: parameter 'limit' of flow 'etl': \"lots\" is not an integer"))
        #expect(!FileManager.default.fileExists(atPath: outcome.folder.url.appendingPathComponent("acme.toml").path))
    }

    @Test func aDeploymentWithoutAWorkPoolStopsTheImport() throws {
        let outcome = try Self.importing("""
            deployments:
            - name: etl-dev
              entrypoint: flows/etl.py:etl
              pull: []
            """)
        #expect(outcome.failed)
        #expect(outcome.stderr.contains("no work pool for flow 'etl' in 'dev'"))
    }

    @Test func whatImportsIsWrittenAndGeneratesTheSameDeployment() throws {
        let outcome = try Self.importing("""
            deployments:
            - name: etl-dev
              entrypoint: flows/etl.py:etl
              parameters: {limit: 5}
              work_pool: {name: pool}
              pull: []
            """)
        #expect(!outcome.failed, "\(outcome.stderr)")
        let text = try String(contentsOf: outcome.folder.url.appendingPathComponent("acme.toml"), encoding: .utf8)
        #expect(text.contains("deployment-name = \"etl-dev\""))
        #expect(text.contains("[flows.etl.environments.prod]\ndeploy = false\n"))
    }
}
