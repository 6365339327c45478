import AcmeScanKit
import Foundation
import Synchronization
import Testing
import TestSupport

/// The settings projects bring from hand-written prefect.yaml files, through `generate`:
/// the per-folder layout, deployment names, schedule slugs and parameters, build and push steps.
@Suite struct AdoptionSettingsTests {
    static let flow = """
        from prefect import flow


        @flow
        def load(region: str = "eu", limit: int = 10):
            pass

        """

    static func project(_ settings: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("acme.toml", "project = \"p\"\n" + settings)
        try folder.write("pipelines/sales/flows.py", flow)
        try folder.write("pipelines/marketing/flows.py", flow.replacingOccurrences(of: "def load", with: "def campaign"))
        return folder
    }

    static func generate(_ folder: TemporaryFolder, check: Bool = false) -> (status: Int32, stderr: String, stdout: String) {
        let errors = Mutex("")
        let log = Log(isTerminal: false) { text in errors.withLock { $0 += text } }
        var stdout = ""
        let job = GenerateJob(path: folder.url.path, check: check, branch: "main", commit: "0123456789abcdef0123456789abcdef01234567",
            remote: "https://github.com/acme/p.git")
        do {
            let status = try job.run(output: { stdout += $0 }, log: log)
            return (status, errors.withLock { $0 }, stdout)
        } catch {
            return (2, errors.withLock { $0 } + "\(error)\n", stdout)
        }
    }

    static let environments = """
        [defaults]
        work-pool = "pool"

        [[environments]]
        name = "dev"
        backend = "prefect"

        """

    @Test func perFolderLayoutWritesAFileBesideTheFlowsWithEntrypointsRelativeToIt() throws {
        let folder = try Self.project("prefect-yaml = \"per-folder\"\n" + Self.environments)
        #expect(Self.generate(folder).status == 0)
        let sales = try String(contentsOf: folder.url.appendingPathComponent("pipelines/sales/prefect.yaml"), encoding: .utf8)
        #expect(sales.contains("entrypoint: flows.py:load\n"))
        #expect(!sales.contains("campaign"))
        // Runs start in the clone's copy of the folder the entrypoint is relative to.
        #expect(sales.contains("      id: clone\n"))
        #expect(sales.contains("directory: \"{{ clone.directory }}/pipelines/sales\""))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("prefect.yaml").path))
        #expect(Self.generate(folder, check: true).status == 0)

        // Back to one file at the root: the per-folder files are stale for --check, then removed.
        try folder.write("acme.toml", "project = \"p\"\n" + Self.environments)
        let check = Self.generate(folder, check: true)
        #expect(check.status == 1)
        #expect(check.stdout.contains("--- a/pipelines/sales/prefect.yaml"))
        let written = Self.generate(folder)
        #expect(written.stderr.contains("removed pipelines/sales/prefect.yaml"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pipelines/sales/prefect.yaml").path))
        let root = try String(contentsOf: folder.url.appendingPathComponent("prefect.yaml"), encoding: .utf8)
        #expect(root.contains("entrypoint: pipelines/sales/flows.py:load\n"))
    }

    @Test func perFolderFromRootWritesAFileBesideTheFlowsWithEntrypointsFromTheRoot() throws {
        let folder = try Self.project("prefect-yaml = \"per-folder-from-root\"\n" + Self.environments)
        #expect(Self.generate(folder).status == 0)
        let sales = try String(contentsOf: folder.url.appendingPathComponent("pipelines/sales/prefect.yaml"), encoding: .utf8)
        // `prefect deploy --prefect-file pipelines/sales/prefect.yaml` runs at the root and never changes folder.
        #expect(sales.contains("entrypoint: pipelines/sales/flows.py:load\n"))
        #expect(sales.contains("\n# Deploy from the project root: prefect --no-prompt deploy --all --prefect-file pipelines/sales/prefect.yaml\n"))
        #expect(!sales.contains("campaign"))
        // Runs start at the clone's root, where the entrypoint is relative to.
        #expect(sales.contains("- prefect.deployments.steps.git_clone:\n"))
        #expect(!sales.contains("set_working_directory") && !sales.contains("id: clone"))
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pipelines/marketing/prefect.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("prefect.yaml").path))
        #expect(Self.generate(folder, check: true).status == 0)
    }

    @Test func deploymentNamesSchedulesAndStepsAreWrittenAsConfigured() throws {
        let folder = try Self.project(Self.environments + """

            [flows.load]
            deployment-name = "sales-dev"
            build = [{ "prefect_docker.deployments.steps.build_docker_image" = { id = "build-image", image_name = "ghcr.io/acme/sales", tag = "{{ $GITHUB_SHA }}" } }]
            job-variables = { image = "{{ build-image.image }}" }
            schedules = [{ cron = "0 6 * * *", slug = "morning", parameters = { region = "us" } }]
            """)
        #expect(Self.generate(folder).status == 0)
        let text = try String(contentsOf: folder.url.appendingPathComponent("prefect.yaml"), encoding: .utf8)
        #expect(text.contains("- name: sales-dev\n"))
        #expect(text.contains("- name: p--main--campaign--dev\n"), "flows without deployment-name keep the convention")
        #expect(text.contains("  slug: morning\n") && text.contains("    region: us\n"))
        #expect(text.contains("      image: \"{{ build-image.image }}\"\n"))
        // One deployment builds, the other does not: each carries its own steps.
        #expect(text.contains("build: null\n"))
        #expect(text.contains("  build:\n  - prefect_docker.deployments.steps.build_docker_image:\n"))
        #expect(text.contains("  build: []\n"))
    }

    @Test func collidingNamesDuplicateSlugsAndUnknownScheduleParametersStopGenerate() throws {
        let folder = try Self.project(Self.environments + """
            [[environments]]
            name = "prod"
            backend = "prefect"

            [flows.load]
            deployment-name = "load"
            schedules = [{ cron = "0 6 * * *", slug = "a" }, { interval = 60, slug = "a", parameters = { regoin = "us" } }]
            """)
        let outcome = Self.generate(folder)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("two schedules have the slug 'a'"))
        #expect(outcome.stderr.contains("flow 'load' has no parameter 'regoin'; did you mean 'region'?"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("prefect.yaml").path))

        // One name for a flow in two environments of one prefect.yaml: `deploy --all` would overwrite one with the other.
        try folder.write("acme.toml", "project = \"p\"\n" + Self.environments + """
            [[environments]]
            name = "prod"
            backend = "prefect"

            [flows.load]
            deployment-name = "load"
            """)
        let collision = Self.generate(folder)
        #expect(collision.status == 2)
        #expect(collision.stderr.contains("flow 'load' has the deployment name 'load' in 'dev' and 'prod'"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("prefect.yaml").path))
    }
}
