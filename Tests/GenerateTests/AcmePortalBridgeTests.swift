import AcmeScanKit
import Foundation
import Synchronization
import Testing
import TestSupport

/// `init --acme-portal` and `generate` on the `.acme_portal_sdk/` bridge files
/// (the files themselves run through the real SDK in Tests/acme-portal/run.sh).
@Suite struct AcmePortalBridgeTests {
    static let modules = ["deployment_finder", "deployment_promote", "flow_deploy", "flow_finder"]
    static let flow = "from prefect import flow\n\n\n@flow\ndef etl():\n    pass\n"
    static let settings = "project = \"etl\"\n\n[[environments]]\nname = \"dev\"\nbackend = \"local\"\n"

    static func project(_ files: [String: String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write(path, text) }
        return folder
    }

    static func bridgeFile(_ folder: TemporaryFolder, _ module: String) throws -> String {
        try String(contentsOf: folder.url.appendingPathComponent(".acme_portal_sdk/\(module).py"), encoding: .utf8)
    }

    static func check(_ folder: TemporaryFolder) throws -> (status: Int32, diff: String) {
        var diff = ""
        let status = try GenerateJob(path: folder.url.path, check: true).run(output: { diff += $0 }, log: .silent)
        return (status, diff)
    }

    static func initialise(_ folder: TemporaryFolder, force: Bool = false) throws -> String {
        let errors = Mutex("")
        try InitJob(path: folder.url.path, force: force, acmePortal: true).run(log: Log(isTerminal: false) { text in errors.withLock { $0 += text } })
        return errors.withLock { $0 }
    }

    @Test func generateCheckCoversTheBridgeFiles() throws {
        let project = try Self.project(["flows/etl.py": Self.flow, "acme.toml": Self.settings])
        _ = try Self.initialise(project)
        #expect(try Self.check(project).status == 0)
        #expect(try Self.bridgeFile(project, "flow_finder").contains("_CONFIGURED_BINARY = None\n"))

        try project.write("acme.toml", "acme-scan-path = \"bin/acme-scan\"\n" + Self.settings)
        let stale = try Self.check(project)
        #expect(stale.status == 1, "a changed acme-scan-path makes the bridge files stale")
        for module in Self.modules {
            #expect(stale.diff.contains("+++ b/.acme_portal_sdk/\(module).py"), "\(stale.diff)")
        }
        #expect(stale.diff.contains("+_CONFIGURED_BINARY = \"bin/acme-scan\""))
        #expect(try GenerateJob(path: project.url.path).run(output: { _ in }, log: .silent) == 0)
        #expect(try Self.bridgeFile(project, "flow_deploy").contains("_CONFIGURED_BINARY = \"bin/acme-scan\"\n"))
        #expect(try Self.check(project).status == 0)

        try project.write(".acme_portal_sdk/flow_finder.py", try Self.bridgeFile(project, "flow_finder") + "# edited\n")
        let edited = try Self.check(project)
        #expect(edited.status == 1 && edited.diff.contains("-# edited"), "a hand edit under the header is stale: \(edited.diff)")
    }

    @Test func aFileTheTeamWroteIsLeftAlone() throws {
        let own = "from acme_portal_sdk.prefect.flow_finder import PrefectFlowFinder\n\nflow_finder = PrefectFlowFinder(root_dir='src')\n"
        let project = try Self.project(["flows/etl.py": Self.flow, "acme.toml": Self.settings])
        _ = try Self.initialise(project)
        try project.write(".acme_portal_sdk/flow_finder.py", own)
        #expect(try GenerateJob(path: project.url.path).run(output: { _ in }, log: .silent) == 0)
        #expect(try Self.bridgeFile(project, "flow_finder") == own, "generate does not touch a file without the header")
        #expect(try Self.check(project).status == 0)
        try project.write("acme.toml", "acme-scan-path = \"bin/acme-scan\"\n" + Self.settings)
        let stale = try Self.check(project)
        #expect(stale.status == 1 && !stale.diff.contains("flow_finder.py") && stale.diff.contains("flow_deploy.py"))
    }

    @Test func generateWritesNoBridgeIntoAProjectWithout() throws {
        let project = try Self.project(["flows/etl.py": Self.flow, "acme.toml": Self.settings])
        #expect(try GenerateJob(path: project.url.path, acmePortal: true).run(output: { _ in }, log: .silent) == 0)
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent(".acme_portal_sdk/flow_finder.py").path))
    }

    @Test func initRefusesToOverwriteWhatTheTeamWroteAndWritesNothing() throws {
        let own = "flow_finder = None\n"
        let project = try Self.project(["flows/etl.py": Self.flow, ".acme_portal_sdk/flow_finder.py": own])
        #expect(throws: AcmeError.self) { try Self.initialise(project) }
        do {
            _ = try Self.initialise(project)
        } catch {
            #expect("\(error)".hasSuffix(".acme_portal_sdk/flow_finder.py: not written by acme-scan; refusing to overwrite it (use --force)"))
        }
        #expect(try Self.bridgeFile(project, "flow_finder") == own)
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent(".acme_portal_sdk/flow_deploy.py").path),
            "no file is written when one is refused")
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent("acme.toml").path))
        _ = try Self.initialise(project, force: true)
        #expect(try Self.bridgeFile(project, "flow_finder").hasPrefix("# Generated by acme-scan from acme.toml."))
    }

    @Test func aPyprojectTableIsKeptAndNamedInTheHeader() throws {
        let pyproject = "[project]\nname = \"etl\"\n\n[tool.acme-scan]\nproject = \"etl\"\n"
        let project = try Self.project(["flows/etl.py": Self.flow, "pyproject.toml": pyproject])
        let log = try Self.initialise(project)
        #expect(log.hasPrefix("kept ") && log.contains("pyproject.toml as it is"), "\(log)")
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent("acme.toml").path))
        #expect(try String(contentsOf: project.url.appendingPathComponent("pyproject.toml"), encoding: .utf8) == pyproject)
        #expect(try Self.bridgeFile(project, "deployment_finder").hasPrefix("# Generated by acme-scan from pyproject.toml."))
    }

    @Test func aBadSettingStopsInitBeforeWritingTheBridge() throws {
        let project = try Self.project(["flows/etl.py": Self.flow, "acme.toml": "acme-scan-path = 3\n" + Self.settings])
        #expect(throws: AcmeError.self) { try Self.initialise(project) }
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent(".acme_portal_sdk").path))
    }
}
