import AcmeScanKit
import Foundation
import Synchronization
import Testing
import TestSupport

/// Where `prefect deploy` ran for a prefect.yaml in a folder, told by where its
/// entrypoints name flows: from the project root (`--prefect-file pipelines/x/prefect.yaml`,
/// the monorepo way) or from the file's folder. Real files, scanned and imported.
@Suite struct EntrypointResolutionTests {
    static func flow(_ function: String, name: String? = nil) -> String {
        """
        from prefect import flow


        @flow\(name.map { "(name=\"\($0)\")" } ?? "")
        def \(function)(limit: int = 10):
            pass

        """
    }

    static func deployment(_ name: String, _ entrypoint: String) -> String {
        """
        - name: \(name)
          entrypoint: \(entrypoint)
          work_pool: {name: pool}
          pull: []

        """
    }

    /// `init --from-prefect-yaml` on the files; stderr, and the acme.toml when one was written.
    static func importing(_ files: [String: String]) throws -> (folder: TemporaryFolder, stderr: String, toml: String?) {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write(path, text) }
        let errors = Mutex("")
        let log = Log(isTerminal: false) { text in errors.withLock { $0 += text } }
        do {
            try PrefectImportJob(path: folder.url.path, environments: ["dev"]).run(log: log)
        } catch {
            errors.withLock { $0 += "\(error)\n" }
        }
        let toml = try? String(contentsOf: folder.url.appendingPathComponent("acme.toml"), encoding: .utf8)
        return (folder, errors.withLock { $0 }, toml)
    }

    static func generate(_ folder: TemporaryFolder) throws -> Int32 {
        try GenerateJob(path: folder.url.path, force: true, branch: "main", commit: "0123456789abcdef0123456789abcdef01234567",
            remote: "https://github.com/acme/p.git").run(output: { _ in }, log: Log(isTerminal: false) { _ in })
    }

    @Test func anEntrypointFromTheRootIsDeployedFromTheRootAndWrittenSo() throws {
        let outcome = try Self.importing([
            "pipelines/sales/flow.py": Self.flow("sales"),
            "pipelines/sales/prefect.yaml": "deployments:\n" + Self.deployment("sales-dev", "pipelines/sales/flow.py:sales"),
        ])
        #expect(outcome.toml?.contains("prefect-yaml = \"per-folder-from-root\"\n") == true, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains(": note:") && !outcome.stderr.contains(": error:"))
        // generate writes the file where it was, deployed the same way: entrypoints from the root.
        #expect(try Self.generate(outcome.folder) == 0)
        let written = try String(contentsOf: outcome.folder.url.appendingPathComponent("pipelines/sales/prefect.yaml"), encoding: .utf8)
        #expect(written.contains("  entrypoint: pipelines/sales/flow.py:sales\n"))
        #expect(written.contains("# Deploy from the project root: prefect --no-prompt deploy --all --prefect-file pipelines/sales/prefect.yaml\n"))
        #expect(!FileManager.default.fileExists(atPath: outcome.folder.url.appendingPathComponent("prefect.yaml").path))
    }

    @Test func anEntrypointFromTheFilesFolderKeepsThePerFolderLayout() throws {
        let outcome = try Self.importing([
            "pipelines/sales/flow.py": Self.flow("sales"),
            "pipelines/sales/prefect.yaml": "deployments:\n" + Self.deployment("sales-dev", "flow.py:sales"),
        ])
        #expect(outcome.toml?.contains("prefect-yaml = \"per-folder\"\n") == true, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains(": note:"))
    }

    @Test func anEntrypointThatReadsBothWaysIsTakenBesideTheFileAndSaidSo() throws {
        // `etl.py:etl` names the root's etl.py and jobs/etl.py alike; the file sits beside the second.
        let outcome = try Self.importing([
            "etl.py": Self.flow("etl", name: "legacy-etl"),
            "jobs/etl.py": Self.flow("etl"),
            "jobs/prefect.yaml": "deployments:\n" + Self.deployment("etl-dev", "etl.py:etl"),
        ])
        #expect(outcome.stderr.contains("jobs/prefect.yaml:3: note: deployment 'etl-dev': entrypoint 'etl.py:etl' names flow 'legacy-etl' "
            + "from the project root (etl.py:etl) and flow 'etl' from jobs (jobs/etl.py:etl): taken from jobs, where the flow is in the file's folder"),
            "\(outcome.stderr)")
        #expect(outcome.toml?.contains("prefect-yaml = \"per-folder\"\n") == true)
        #expect(outcome.toml?.contains("[flows.legacy-etl]\ndeploy = false\n") == true, "\(outcome.toml ?? "")")
    }

    @Test func aFileReadingBothWaysFollowsTheOwnEntrypointsOfItsFile() throws {
        // The second deployment names a flow only from the root, so the whole file is deployed from there.
        let outcome = try Self.importing([
            "pipelines/a/flow.py": Self.flow("a"),
            "pipelines/a/pipelines/a/flow.py": Self.flow("a", name: "nested-a"),
            "pipelines/a/other.py": Self.flow("other"),
            "pipelines/a/prefect.yaml": "deployments:\n" + Self.deployment("a-dev", "pipelines/a/flow.py:a")
                + Self.deployment("other-dev", "pipelines/a/other.py:other"),
        ])
        #expect(outcome.stderr.contains("pipelines/a/prefect.yaml:3: note: deployment 'a-dev': entrypoint 'pipelines/a/flow.py:a' names flow 'a' "
            + "from the project root (pipelines/a/flow.py:a) and flow 'nested-a' from pipelines/a (pipelines/a/pipelines/a/flow.py:a): "
            + "taken from the project root, as deployment 'other-dev' of the same file names a flow only from there"), "\(outcome.stderr)")
        #expect(outcome.toml?.contains("prefect-yaml = \"per-folder-from-root\"\n") == true)
    }

    @Test func withNeitherReadingBesideTheFileTheRootIsTakenFirst() throws {
        let outcome = try Self.importing([
            "lib/etl.py": Self.flow("etl", name: "legacy-etl"),
            "jobs/lib/etl.py": Self.flow("etl"),
            "jobs/prefect.yaml": "deployments:\n" + Self.deployment("etl-dev", "lib/etl.py:etl"),
        ])
        #expect(outcome.stderr.contains("jobs/prefect.yaml:3: note: deployment 'etl-dev': entrypoint 'lib/etl.py:etl' names flow 'legacy-etl' "
            + "from the project root (lib/etl.py:etl) and flow 'etl' from jobs (jobs/lib/etl.py:etl): taken from the project root, "
            + "tried first, as `prefect deploy --prefect-file jobs/prefect.yaml` run from the root reads it"), "\(outcome.stderr)")
        // Taken, it cannot be written back: generate puts a flow's deployments in a prefect.yaml beside it.
        #expect(outcome.toml == nil)
        #expect(outcome.stderr.contains("jobs/prefect.yaml:2: error: deployment 'etl-dev' is in jobs/prefect.yaml but its flow is in lib"))
    }

    @Test func anEntrypointNamingNoFlowEitherWayIsALocatedError() throws {
        let outcome = try Self.importing([
            "pipelines/sales/flow.py": Self.flow("sales"),
            "pipelines/sales/prefect.yaml": "deployments:\n" + Self.deployment("sales-dev", "pipelines/sales/flows.py:sales"),
        ])
        #expect(outcome.toml == nil)
        #expect(outcome.stderr.contains("pipelines/sales/prefect.yaml:3: error: deployment 'sales-dev': entrypoint 'pipelines/sales/flows.py:sales' "
            + "from the project root (pipelines/sales/flows.py:sales) nor from pipelines/sales, where the file is "
            + "(pipelines/sales/pipelines/sales/flows.py:sales) is no flow acme-scan found with a static name"), "\(outcome.stderr)")
    }

    @Test func oneFileCannotBeDeployedFromTwoFolders() throws {
        let outcome = try Self.importing([
            "pipelines/a/flow.py": Self.flow("a"),
            "pipelines/a/other.py": Self.flow("other"),
            "pipelines/a/prefect.yaml": "deployments:\n" + Self.deployment("a-dev", "pipelines/a/flow.py:a")
                + Self.deployment("other-dev", "other.py:other"),
        ])
        #expect(outcome.toml == nil)
        #expect(outcome.stderr.contains("pipelines/a/prefect.yaml:7: error: deployment 'other-dev': entrypoint 'other.py:other' names a flow only "
            + "from pipelines/a and deployment 'a-dev' of the same file only from the project root"), "\(outcome.stderr)")
    }

    @Test func filesDeployedFromTheRootAndFromTheirFoldersCannotShareOneLayout() throws {
        let outcome = try Self.importing([
            "pipelines/a/flow.py": Self.flow("a"),
            "pipelines/b/flow.py": Self.flow("b"),
            "pipelines/c/flow.py": Self.flow("c"),
            "pipelines/a/prefect.yaml": "deployments:\n" + Self.deployment("a-dev", "pipelines/a/flow.py:a"),
            "pipelines/b/prefect.yaml": "deployments:\n" + Self.deployment("b-dev", "pipelines/b/flow.py:b"),
            "pipelines/c/prefect.yaml": "deployments:\n" + Self.deployment("c-dev", "flow.py:c"),
        ])
        #expect(outcome.toml == nil)
        #expect(outcome.stderr.contains("pipelines/c/prefect.yaml:2: error: pipelines/c/prefect.yaml is deployed from pipelines/c "
            + "(its entrypoints name flows from there) but pipelines/a/prefect.yaml from the project root"), "\(outcome.stderr)")
    }
}
