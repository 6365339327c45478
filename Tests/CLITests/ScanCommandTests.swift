import FlowManifest
import Foundation
import Testing
import TestSupport

/// Runs the real `acme-scan` binary: exit codes, where output goes, and what stderr says.
@Suite struct ScanCommandTests {
    static let flow = "from prefect import flow\n\n@flow\ndef hello():\n    pass\n"

    func acmeScan(_ arguments: [String], in directory: URL? = nil) throws -> ProcessResult {
        try Run.process(Run.acmeScanBinary, arguments, in: directory)
    }

    @Test func defaultWritesFlowsJSONAtTheRootAndSummarisesOnStderr() throws {
        let folder = try TemporaryFolder()
        try folder.write("pkg/flows.py", Self.flow)
        let result = try acmeScan([], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty, "data goes to the file, nothing to stdout")
        #expect(result.stderr.contains("1 flow (1 prefect), 0 diagnostics; 1 file scanned, 1 parsed"))
        let manifest = try String(contentsOf: folder.url.appendingPathComponent("flows.json"), encoding: .utf8)
        #expect(manifest.contains(#""entrypoint": "pkg/flows.py:hello""#))
    }

    @Test func explicitScanSubcommandAndPath() throws {
        let folder = try TemporaryFolder()
        try folder.write("a/flows.py", Self.flow)
        let result = try acmeScan(["scan", folder.url.appendingPathComponent("a").path, "-q"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("a/flows.json").path))
    }

    @Test func outputDashWritesToStdoutOnly() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows.py", Self.flow)
        let result = try acmeScan([folder.url.path, "--output", "-", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((json?["flows"] as? [Any])?.count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("flows.json").path))
    }

    @Test func outputToAnotherFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("src/flows.py", Self.flow)
        let target = folder.url.appendingPathComponent("out/manifest.json")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let result = try acmeScan([folder.url.appendingPathComponent("src").path, "-o", target.path])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: target.path))
    }

    @Test func missingPathExitsTwoWithOneLine() throws {
        let result = try acmeScan(["/nonexistent/acme-scan-dir"])
        #expect(result.status == 2)
        #expect(result.stderr == "acme-scan: /nonexistent/acme-scan-dir: no such file or directory\n")
    }

    @Test func unwritableOutputExitsTwoAndLeavesTheOldFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows.py", Self.flow)
        let result = try acmeScan([folder.url.path, "-o", "/nonexistent/dir/flows.json"])
        #expect(result.status == 2)
        #expect(result.stderr.hasSuffix("cannot write: folder /nonexistent/dir does not exist\n"))

        // A folder where the file should go: nothing half-written, nothing replaced.
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("flows.json"),
            withIntermediateDirectories: true)
        let blocked = try acmeScan([folder.url.path])
        #expect(blocked.status == 2)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func rewriteIsAtomicAndByteIdentical() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows.py", Self.flow)
        #expect(try acmeScan([folder.url.path, "-q"]).status == 0)
        let first = try Data(contentsOf: folder.url.appendingPathComponent("flows.json"))
        #expect(try acmeScan([folder.url.path, "-q"]).status == 0)
        let second = try Data(contentsOf: folder.url.appendingPathComponent("flows.json"))
        #expect(first == second)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(files == ["flows.json", "flows.py"])
    }

    @Test func usageErrorsExitTwo() throws {
        let unknownFormat = try acmeScan(["--format", "yaml", "."])
        #expect(unknownFormat.status == 2)
        // The values come from the format registry.
        #expect(unknownFormat.stderr.contains("'yaml' is invalid for '--format <format>'. Please provide one of 'manifest' and 'acme-portal'"))
        #expect(try acmeScan(["--no-such-flag"]).status == 2)
    }

    @Test func acmePortalFormat() throws {
        let folder = try TemporaryFolder()
        try folder.write("pkg/etl_flows.py", "from prefect import flow\n\n@flow(name='etl-daily')\ndef etl():\n    pass\n")
        let result = try acmeScan([folder.url.path, "--format", "acme-portal", "-o", "-", "-q"])
        #expect(result.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1)
        let details = list[0]
        // Only FlowDetails' own fields at the top: the SDK builds it with cls(**d).
        #expect(Set(details.keys) == ["name", "original_name", "description", "id", "source_path", "source_relative",
            "line_number", "grouping", "child_attributes"])
        #expect(details["name"] as? String == "etl_daily")
        #expect(details["original_name"] as? String == "etl-daily")
        #expect(details["line_number"] as? Int == 3)
        #expect(details["id"] as? String == "prefect:pkg/etl_flows.py:etl")
        let attributes = try #require(details["child_attributes"] as? [String: Any])
        #expect(attributes["module"] as? String == "etl_flows")
        #expect(attributes["import_path"] as? String == "pkg.etl_flows")
    }

    @Test func excludeAndIncludeFlags() throws {
        let folder = try TemporaryFolder()
        try folder.write("tests/test_flows.py", Self.flow)
        try folder.write("src/flows.py", Self.flow)
        try folder.write(".gitignore", "vendored/\n")
        try folder.write("vendored/flows.py", Self.flow)
        let excluded = try acmeScan([folder.url.path, "--exclude", "tests/", "-o", "-", "-q"])
        #expect(excluded.stdout.contains("src/flows.py") && !excluded.stdout.contains("tests/test_flows.py"))
        #expect(!excluded.stdout.contains("vendored/"))
        let included = try acmeScan([folder.url.path, "--include", "vendored/flows.py", "-o", "-", "-q"])
        #expect(included.stdout.contains("vendored/flows.py"))
    }

    @Test func helpAndVersionSucceed() throws {
        let help = try acmeScan(["--help"])
        #expect(help.status == 0 && help.stdout.contains("Exit codes"))
        let version = try acmeScan(["--version"])
        #expect(version.status == 0 && version.stdout == Generator.version + "\n")
    }
}

@Suite struct SpecialOutputTests {
    /// `-o /dev/null` and `-o FIFO` write to the file; the atomic rename would replace it with a regular file.
    @Test func aDeviceOrAPipeIsWrittenToNotReplaced() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows.py", "from prefect import flow\n\n@flow\ndef etl():\n    pass\n")
        let fifo = folder.url.appendingPathComponent("out.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { received = handle.readDataToEndOfFile() }
        }
        reader.start()
        let run = try Run.process(Run.acmeScanBinary, [folder.url.path, "-o", fifo, "--no-cache"])
        while !reader.isFinished { usleep(10_000) }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(String(decoding: received, as: UTF8.self).contains("\"name\": \"etl\""))
        var status = stat()
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
        let devNull = try Run.process(Run.acmeScanBinary, [folder.url.path, "-o", "/dev/null", "--no-cache"])
        #expect(devNull.status == 0)
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a device")
    }
}
