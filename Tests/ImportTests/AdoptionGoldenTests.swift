import AcmeScanKit
import Foundation
import Synchronization
import Testing
import TestSupport

/// Every folder under Fixtures/adoption is a project that deploys with hand-written
/// prefect.yaml files. `acme-scan.args` holds the `init --from-prefect-yaml` options;
/// `expected/` holds what adopting writes, byte for byte: the acme.toml and the
/// prefect.yaml files `generate --force` then puts in place of the hand-written ones;
/// `expected.stderr.txt` what both print. A case the import refuses has no `expected/`.
/// Tests/prefect-deploy/adoption.sh deploys both sets of files into a real Prefect server,
/// from the project root when the case holds `deploys-from-root` (how its team deploys).
@Suite struct AdoptionGoldenTests {
    static let cases = Fixtures.cases("adoption")
    static let commit = "0123456789abcdef0123456789abcdef01234567"

    /// Files of a case that describe the test, not the project.
    static let caseFiles: Set<String> = ["acme-scan.args", "deploys-from-root"]

    /// The case copied into a folder named like it (the project name defaults to the folder's).
    static func project(_ name: String, in folder: TemporaryFolder) throws -> URL {
        let project = folder.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let source = Fixtures.folder("adoption", name)
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where !item.hasPrefix("expected") && !caseFiles.contains(item) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: project.appendingPathComponent(item))
        }
        return project
    }

    static func importJob(_ name: String, project: URL) -> PrefectImportJob {
        let arguments = (try? String(contentsOf: Fixtures.folder("adoption", name).appendingPathComponent("acme-scan.args"), encoding: .utf8)) ?? ""
        let words = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        var job = PrefectImportJob(path: project.path)
        for (index, word) in words.enumerated() {
            if word == "--environments", index + 1 < words.count { job.environments = words[index + 1].split(separator: ",").map(String.init) }
            if word == "--force" { job.force = true }
        }
        return job
    }

    /// Runs the import and, when it writes, `generate --force`; returns stderr and whether both succeeded.
    static func adopt(_ name: String, project: URL, check: Bool = false) -> (stderr: String, succeeded: Bool) {
        let errors = Mutex("")
        let log = Log(isTerminal: false) { text in errors.withLock { $0 += text } }
        var succeeded = false
        do {
            if !check { try importJob(name, project: project).run(log: log) }
            let generate = GenerateJob(path: project.path, check: check, force: true, branch: "main", commit: commit,
                remote: "git@github.com:acme/\(name).git")
            succeeded = try generate.run(output: { _ in }, log: log) == 0
        } catch {
            errors.withLock { $0 += "acme-scan: \(error)\n" }
        }
        return (errors.withLock { $0 }.replacingOccurrences(of: project.path, with: "<project>"), succeeded)
    }

    /// Files of the project that adopting wrote or changed, relative to it.
    static func written(in project: URL, comparedWith fixture: URL) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: project.path)!
        return try enumerator.compactMap { $0 as? String }.filter { path in
            guard !path.hasPrefix(".acme-scan-cache") else { return false }
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: project.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { return false }
            let before = FileManager.default.contents(atPath: fixture.appendingPathComponent(path).path)
            return try before != Data(contentsOf: project.appendingPathComponent(path))
        }.sorted()
    }

    @Test func thereAreCasesThatImportAndOneThatIsRefused() {
        let imported = Self.cases.filter { FileManager.default.fileExists(atPath: Fixtures.folder("adoption", $0).appendingPathComponent("expected").path) }
        #expect(imported.count >= 2 || Fixtures.isRecording)
        #expect(Self.cases.count > imported.count || Fixtures.isRecording)
    }

    @Test(arguments: cases)
    func adoptingWritesTheGoldenFiles(_ name: String) throws {
        let folder = try TemporaryFolder()
        let project = try Self.project(name, in: folder)
        let outcome = Self.adopt(name, project: project)
        let caseFolder = Fixtures.folder("adoption", name)
        Fixtures.expectGolden(outcome.stderr, at: caseFolder.appendingPathComponent("expected.stderr.txt"))
        let written = try Self.written(in: project, comparedWith: caseFolder)
        let expected = caseFolder.appendingPathComponent("expected")
        if Fixtures.isRecording {
            for file in written {
                let target = expected.appendingPathComponent(file)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contentsOf: project.appendingPathComponent(file)).write(to: target)
            }
            return
        }
        let goldens = (FileManager.default.enumerator(atPath: expected.path)?.compactMap { $0 as? String } ?? []).filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: expected.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
        #expect(written == goldens)
        #expect(outcome.succeeded == !goldens.isEmpty)
        for file in written {
            Fixtures.expectGolden(try String(contentsOf: project.appendingPathComponent(file), encoding: .utf8), at: expected.appendingPathComponent(file))
        }
        // What was written is what generate --check expects: every file of the layout is covered.
        if outcome.succeeded { #expect(Self.adopt(name, project: project, check: true).succeeded) }
    }
}
