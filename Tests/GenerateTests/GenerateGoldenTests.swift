import AcmeScanKit
import Foundation
import Synchronization
import Testing
import TestSupport

/// Every folder under Fixtures/generate is a small project with its acme.toml
/// (or pyproject.toml). `acme-scan.args` holds the generate options; `expected/`
/// holds every file generate must write, byte for byte, and `expected.stderr.txt`
/// what it must print (the project folder shown as `<project>`). A case whose
/// configuration is invalid has no `expected/`: nothing may be written.
@Suite struct GenerateGoldenTests {
    static let cases = Fixtures.cases("generate")

    struct Outcome {
        var status: Int32
        var stderr: String
        var stdout: String
    }

    /// Copies the case (without its expectations) to a temporary folder.
    static func project(_ name: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let source = Fixtures.folder("generate", name)
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path)
        where !item.hasPrefix("expected") && item != "acme-scan.args" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: folder.url.appendingPathComponent(item))
        }
        return folder
    }

    static func job(_ name: String, root: URL, output: URL?, extra: [String] = []) -> GenerateJob {
        let file = Fixtures.folder("generate", name).appendingPathComponent("acme-scan.args")
        let words = (((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).map(String.init)) + extra
        var job = GenerateJob(path: root.path, outputDirectory: output?.path)
        var index = 0
        while index < words.count {
            let value = index + 1 < words.count ? words[index + 1] : ""
            switch words[index] {
            case "--branch": job.branch = value; index += 1
            case "--commit": job.commit = value; index += 1
            case "--remote": job.remote = value; index += 1
            case "--env": job.environment = value; index += 1
            case "--format": job.acmePortal = value == "acme-portal"; index += 1
            case "--check": job.check = true
            case "--force": job.force = true
            default: break
            }
            index += 1
        }
        return job
    }

    static func run(_ job: GenerateJob, project: URL) -> Outcome {
        let errors = Mutex("")
        let log = Log(isTerminal: false) { text in errors.withLock { $0 += text } }
        var stdout = ""
        var status: Int32
        do {
            status = try job.run(output: { stdout += $0 }, log: log)
        } catch {
            errors.withLock { $0 += "acme-scan: \(error)\n" }
            status = 2
        }
        let clean = { (text: String) in text.replacingOccurrences(of: project.path, with: "<project>") }
        return Outcome(status: status, stderr: clean(errors.withLock { $0 }), stdout: clean(stdout))
    }

    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 4)
    }

    @Test(arguments: cases)
    func generatedFilesMatchGoldenFiles(_ name: String) throws {
        let project = try Self.project(name)
        let output = project.url.appendingPathComponent("out")
        let outcome = Self.run(Self.job(name, root: project.url, output: output), project: project.url)
        let caseFolder = Fixtures.folder("generate", name)
        Fixtures.expectGolden(outcome.stderr, at: caseFolder.appendingPathComponent("expected.stderr.txt"))
        let expected = caseFolder.appendingPathComponent("expected")
        let written = Self.files(under: output)
        // A project without a git remote is pulled from its folder: shown as <project>.
        let contents = { (file: String) throws in
            try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
                .replacingOccurrences(of: project.url.path, with: "<project>")
        }
        if Fixtures.isRecording {
            for file in written {
                let target = expected.appendingPathComponent(file)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try contents(file).write(to: target, atomically: true, encoding: .utf8)
            }
            return
        }
        #expect(written == Self.files(under: expected))
        #expect(outcome.status == (written.isEmpty ? 2 : 0))
        for file in written {
            Fixtures.expectGolden(try contents(file), at: expected.appendingPathComponent(file))
        }
    }

    @Test(arguments: cases)
    func generatingTwiceGivesTheSameBytesAndCheckPasses(_ name: String) throws {
        let project = try Self.project(name)
        let output = project.url.appendingPathComponent("out")
        let first = Self.run(Self.job(name, root: project.url, output: output), project: project.url)
        guard first.status == 0 else { return }
        let before = try Self.files(under: output).map { try Data(contentsOf: output.appendingPathComponent($0)) }
        #expect(Self.run(Self.job(name, root: project.url, output: output), project: project.url).status == 0)
        let after = try Self.files(under: output).map { try Data(contentsOf: output.appendingPathComponent($0)) }
        #expect(before == after)
        let check = Self.run(Self.job(name, root: project.url, output: output, extra: ["--check"]), project: project.url)
        #expect(check.status == 0)
        #expect(check.stdout.isEmpty)
    }
}
