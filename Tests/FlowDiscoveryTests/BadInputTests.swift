import FlowDiscovery
import Foundation
import Testing
import TestSupport

/// Inputs that must give a located diagnostic (or a clear error), never a crash.
@Suite struct BadInputTests {
    static let flowSource = "from prefect import flow\n\n@flow\ndef ok():\n    pass\n"

    func scan(_ folder: TemporaryFolder) throws -> ScanResult {
        try FlowScanner().scan(root: folder.url)
    }

    func codes(_ result: ScanResult) -> [String] { result.diagnostics.map(\.code.rawValue) }

    @Test func nonUTF8FileIsReportedWithItsLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.py", Data("from prefect import flow\n# caf".utf8) + Data([0xE9, 0x0A]))
        try folder.write("good.py", Self.flowSource)
        let result = try scan(folder)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .notText && diagnostic.file == "bad.py" && diagnostic.line == 2)
        #expect(result.flows.map(\.function) == ["ok"])
    }

    @Test func binaryFileIsReported() throws {
        let folder = try TemporaryFolder()
        try folder.write("blob.py", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02]))
        let result = try scan(folder)
        #expect(codes(result) == ["ACS002"])
        #expect(result.diagnostics[0].message.contains("binary"))
    }

    @Test func codingDeclarationIsHonoured() throws {
        let folder = try TemporaryFolder()
        var bytes = Data("# -*- coding: latin-1 -*-\nfrom prefect import flow\n@flow(name=\"caf".utf8)
        bytes += Data([0xE9]) + Data("\")\ndef f(): pass\n".utf8)
        try folder.write("latin.py", bytes)
        let result = try scan(folder)
        #expect(result.diagnostics.isEmpty)
        #expect(result.flows.first?.name == "café")
    }

    @Test func tenMegabyteGeneratedFileIsScanned() throws {
        let folder = try TemporaryFolder()
        // Shaped like generated code (a _pb2.py module): long string constants.
        let payload = String(repeating: "x", count: 200)
        var lines = [Self.flowSource]
        var size = Self.flowSource.utf8.count
        var index = 0
        while size < 10 << 20 {
            let line = "_DESCRIPTOR_\(index) = b\"\(payload)\"\n"
            lines.append(line)
            size += line.utf8.count
            index += 1
        }
        lines.append("\n@flow\ndef at_the_end():\n    pass\n")
        try folder.write("generated_pb2.py", lines.joined())
        let result = try scan(folder)
        #expect(result.flows.map(\.function) == ["ok", "at_the_end"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func oversizedFileIsReportedNotParsed() throws {
        let folder = try TemporaryFolder()
        try folder.write("big.py", Self.flowSource + String(repeating: "#", count: 2048))
        let result = try FlowScanner(options: ScanOptions(sizeLimit: 1024)).scan(root: folder.url)
        #expect(codes(result) == ["ACS004"])
        #expect(result.flows.isEmpty)
    }

    @Test func emptyFilesAreFine() throws {
        let folder = try TemporaryFolder()
        try folder.write("empty.py", "")
        try folder.write("pkg/__init__.py", "")
        let result = try scan(folder)
        #expect(result.diagnostics.isEmpty && result.flows.isEmpty && result.filesScanned == 2)
    }

    @Test func unreadableFilesAreReported() throws {
        let folder = try TemporaryFolder()
        // A link to nothing cannot be read by anyone, root included.
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("gone.py").path,
            withDestinationPath: "/nonexistent/acme-scan/gone.py")
        let locked = try folder.write("locked.py", Self.flowSource)
        chmod(locked.path, 0)
        let result = try scan(folder)
        #expect(result.diagnostics.contains { $0.code == .unreadable && $0.file == "gone.py" })
        if getuid() != 0 {
            // Permissions stop everyone but root.
            #expect(result.diagnostics.contains { $0.code == .unreadable && $0.file == "locked.py" })
        }
    }

    @Test func symlinkLoopIsReportedNotFollowedForever() throws {
        let folder = try TemporaryFolder()
        try folder.write("pkg/flows.py", Self.flowSource)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("pkg/again").path,
            withDestinationPath: folder.url.appendingPathComponent("pkg").path)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("pkg/up").path,
            withDestinationPath: "..")
        let result = try scan(folder)
        #expect(result.flows.count == 1)
        #expect(result.diagnostics.filter { $0.code == .symlinkLoop }.map(\.file) == ["pkg/again", "pkg/up"])
    }

    /// Issue 9: a link to /usr made the scan walk 19,752 files of the machine and report 86 warnings.
    @Test func linksLeadingOutsideTheRootAreReportedNotFollowed() throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        try outside.write("flows.py", Self.flowSource)
        try folder.write("pkg/flows.py", Self.flowSource)
        try folder.write(".gitignore", "ignored_link\n")
        let links = ["usr": "/usr", "shared": outside.url.path, "shared.py": outside.url.appendingPathComponent("flows.py").path,
            "ignored_link": "/usr", "same.py": "pkg/flows.py"]
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent(name).path, withDestinationPath: target)
        }
        let result = try scan(folder)
        #expect(result.diagnostics.map(\.file) == ["shared", "shared.py", "usr"])
        #expect(result.diagnostics.allSatisfy { $0.code == .linkOutsideRoot })
        #expect(result.diagnostics.first { $0.file == "usr" }?.message.contains("/usr") == true)
        // The link inside the root is followed as before.
        #expect(result.flows.map(\.file) == ["pkg/flows.py", "same.py"])
        #expect(result.filesScanned == 2)
    }

    @Test func folderNamedLikeAPythonFileIsWalkedNotRead() throws {
        let folder = try TemporaryFolder()
        try folder.write("x.py/inner.py", Self.flowSource)
        let result = try scan(folder)
        #expect(result.diagnostics.isEmpty)
        #expect(result.flows.map(\.file) == ["x.py/inner.py"])
    }

    @Test func fifoIsReportedNotRead() throws {
        let folder = try TemporaryFolder()
        #expect(mkfifo(folder.url.appendingPathComponent("pipe.py").path, 0o644) == 0)
        let result = try scan(folder)
        #expect(codes(result) == ["ACS006"])
    }

    @Test func jinjaTemplateGivesSyntaxDiagnosticsAndKeepsStaticFlows() throws {
        let folder = try TemporaryFolder()
        try folder.write("t.py", "from prefect import flow\n{% if x %}\n@flow\ndef a(): pass\n{% endif %}\n\n@flow\ndef b(): pass\n")
        let result = try scan(folder)
        #expect(result.diagnostics.allSatisfy { $0.code == .syntaxError } && !result.diagnostics.isEmpty)
        #expect(result.diagnostics.first?.line == 2)
        #expect(result.flows.contains { $0.function == "b" })
    }

    @Test func python312FStringsParseCleanly() throws {
        let folder = try TemporaryFolder()
        try folder.write("f.py", "from prefect import flow\nD = {'k': 'v'}\nx = f\"{D[\"k\"]}\"\n@flow(name=f\"{\"n\"}\")\ndef f(): pass\n")
        let result = try scan(folder)
        #expect(result.diagnostics.isEmpty)
        #expect(result.flows.first?.name == "n")
    }

    @Test func missingPathIsAnError() {
        #expect(throws: FlowScanner.MissingPath.self) {
            try FlowScanner().scan(root: URL(fileURLWithPath: "/nonexistent/acme-scan-path"))
        }
    }

    @Test func singleFileCanBeScanned() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("one.py", Self.flowSource)
        let result = try FlowScanner().scan(root: file)
        #expect(result.flows.map(\.file) == ["one.py"])
    }
}
