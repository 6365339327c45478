import AcmeScanKit
import Foundation
import Synchronization
import Testing
import TestSupport

/// Every folder under Fixtures/init is a small project; `acme-scan.args` holds the
/// init options. `expected/` holds every file init writes or changes (acme.toml
/// when it writes one, the `.acme_portal_sdk/` files), byte for byte, and
/// `expected.stderr.txt` what it prints (the project folder shown as `<project>`).
@Suite struct InitGoldenTests {
    static let cases = Fixtures.cases("init")

    /// The case copied into a folder of its name (the starter acme.toml names the project after it).
    struct Project {
        let scratch: TemporaryFolder
        var url: URL { scratch.url.appendingPathComponent(name) }
        let name: String
    }

    static func project(_ name: String) throws -> Project {
        let project = Project(scratch: try TemporaryFolder(), name: name)
        try FileManager.default.createDirectory(at: project.url, withIntermediateDirectories: true)
        let source = Fixtures.folder("init", name)
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path)
        where !item.hasPrefix("expected") && item != "acme-scan.args" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: project.url.appendingPathComponent(item))
        }
        return project
    }

    static func job(_ name: String, root: URL) -> InitJob {
        let file = Fixtures.folder("init", name).appendingPathComponent("acme-scan.args")
        let words = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace)
        return InitJob(path: root.path, force: words.contains("--force"), acmePortal: words.contains("--acme-portal"))
    }

    /// Every file under `folder` with its text.
    static func contents(under folder: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for path in GenerateGoldenTests.files(under: folder) {
            result[path] = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        }
        return result
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 3)
    }

    @Test(arguments: cases)
    func initWritesTheGoldenFiles(_ name: String) throws {
        let project = try Self.project(name)
        let before = try Self.contents(under: project.url)
        let errors = Mutex("")
        try Self.job(name, root: project.url).run(log: Log(isTerminal: false) { text in errors.withLock { $0 += text } })
        let after = try Self.contents(under: project.url).filter { !$0.key.hasPrefix(".acme-scan-cache/") }
        let written = after.filter { before[$0.key] != $0.value }
        let caseFolder = Fixtures.folder("init", name)
        Fixtures.expectGolden(errors.withLock { $0 }.replacingOccurrences(of: project.url.path, with: "<project>"),
            at: caseFolder.appendingPathComponent("expected.stderr.txt"))
        let expected = caseFolder.appendingPathComponent("expected")
        if Fixtures.isRecording {
            for (path, text) in written {
                let target = expected.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: target, atomically: true, encoding: .utf8)
            }
            return
        }
        #expect(written.keys.sorted() == GenerateGoldenTests.files(under: expected))
        for (path, text) in written {
            Fixtures.expectGolden(text, at: expected.appendingPathComponent(path))
        }
        #expect(after.keys.allSatisfy { before[$0] != nil || written[$0] != nil })
    }

    /// What init writes, generate writes the same: the bridge files it finds are
    /// up to date, and `generate --check` passes right after `generate`.
    @Test(arguments: cases)
    func generateAgreesWithInit(_ name: String) throws {
        let project = try Self.project(name)
        try Self.job(name, root: project.url).run(log: .silent)
        let initialised = try Self.contents(under: project.url)
        #expect(try GenerateJob(path: project.url.path).run(output: { _ in }, log: .silent) == 0)
        let generated = try Self.contents(under: project.url)
        for (path, text) in initialised where path.hasPrefix(".acme_portal_sdk/") {
            #expect(generated[path] == text, "generate rewrote \(path)")
        }
        var diff = ""
        #expect(try GenerateJob(path: project.url.path, check: true).run(output: { diff += $0 }, log: .silent) == 0, "\(diff)")
    }
}
