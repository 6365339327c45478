@testable import FlowDiscovery
import Foundation
import Testing

/// The kept walk (``WalkSnapshot``) is read back byte by byte: every kind of line must come
/// back as written, and any input that changed must refuse the snapshot.
@Suite struct WalkSnapshotTests {
    @Test func aSnapshotReadsBackAsWrittenAndNotOnceAnInputChanged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acme-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("with space"), withIntermediateDirectories: true)
        try Data("apache-airflow==2.10.0\n".utf8).write(to: folder.appendingPathComponent("requirements.txt"))
        let past = Date().addingTimeInterval(-3600)
        for path in [folder.path, folder.path + "/with space", folder.path + "/requirements.txt"] {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path)
        }
        func input(_ path: String) throws -> WalkInput {
            WalkInput(path: path, stamp: try #require(FileStamp(path: path.isEmpty ? folder.path : folder.path + "/" + path)))
        }
        var walk = WalkResult()
        walk.files = ["dags/ä.py", "with space/a b.py"]
        walk.airflowIgnored = [.glob: ["with space/a b.py"]]
        walk.namedFiles = ["prefect.yaml"]
        walk.airflowEvidence = ["requirements.txt"]
        walk.diagnostics = [Diagnostic(.syntaxError, "broken", file: "x.py", line: 3, column: 1)]
        let evidence = AirflowVersionEvidence(major: 2, kind: .requirements, file: "requirements.txt", line: 1,
            text: "apache-airflow==2.10.0", note: nil)
        let inputs = [try input(""), try input("with space"), try input("requirements.txt"),
            WalkInput(path: "gone.txt", stamp: WalkInput.absent)]
        let bytes = try #require(WalkSnapshot(walk: walk, evidence: [evidence], inputs: inputs).encoded(key: "k"))

        let read = try #require(WalkSnapshot.current(bytes[...], key: "k", root: folder.path))
        #expect(read.walk.files == walk.files && read.walk.namedFiles == walk.namedFiles)
        #expect(read.walk.airflowIgnored == walk.airflowIgnored && read.walk.airflowEvidence == walk.airflowEvidence)
        #expect(read.walk.diagnostics.map(\.message) == ["broken"] && read.evidence == [evidence])
        #expect(read.inputs == inputs)
        #expect(WalkSnapshot.current(bytes[...], key: "other", root: folder.path) == nil)

        // A file that was absent appears; then a folder gains an entry.
        try Data().write(to: folder.appendingPathComponent("gone.txt"))
        #expect(WalkSnapshot.current(bytes[...], key: "k", root: folder.path) == nil)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("gone.txt"))
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: folder.path)
        try Data().write(to: folder.appendingPathComponent("with space/new.py"))
        #expect(WalkSnapshot.current(bytes[...], key: "k", root: folder.path) == nil)
    }
}
