import DeploymentGenerators
import Foundation
import Testing

/// Paths into the repository's `Fixtures/` folder and golden-file helpers.
///
/// Golden files are the files (and folders) under `Fixtures/` whose names
/// start with `expected`. Set `ACME_RECORD=1` to rewrite them from the current
/// output (`make record` does, for every golden test); a recording run fails
/// on purpose so it is never mistaken for a pass. `ACME_FIXTURES_ROOT` points
/// the tests at a copy of `Fixtures/` (`scripts/record-goldens.sh` records
/// into one).
public enum Fixtures {
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static let root = ProcessInfo.processInfo.environment["ACME_FIXTURES_ROOT"].map { URL(fileURLWithPath: $0) }
        ?? repositoryRoot.appendingPathComponent("Fixtures")

    public static var isRecording: Bool { ProcessInfo.processInfo.environment["ACME_RECORD"] == "1" }

    /// The case folders under `Fixtures/<group>`, sorted.
    public static func cases(_ group: String) -> [String] {
        let folder = root.appendingPathComponent(group)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path,
                isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }

    public static func folder(_ group: String, _ name: String) -> URL {
        root.appendingPathComponent(group).appendingPathComponent(name)
    }

    /// A copy of a case in a temporary folder, outside any git work tree. Scanned
    /// in place, a case is inside acme-scan's own repository, where git tracks the
    /// files its `.gitignore` names, so they would be scanned.
    public static func copy(_ group: String, _ name: String) throws -> TemporaryFolder {
        let copy = try TemporaryFolder()
        let source = folder(group, name)
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: copy.url.appendingPathComponent(item))
        }
        return copy
    }

    /// Compares `actual` with the golden file, or records it when recording.
    /// A mismatch is reported as a unified diff from the golden file to the output.
    public static func expectGolden(_ actual: String, at golden: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let name = displayName(golden)
        if isRecording {
            try? actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); unset ACME_RECORD and run again", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run `make record` to create it", sourceLocation: sourceLocation)
            return
        }
        if let diff = difference(expected, actual, expectedName: name, actualName: "actual output") {
            Issue.record("\(name) differs from the output (`make record` rewrites it):\n\(diff)", sourceLocation: sourceLocation)
        }
    }

    /// A unified diff from `expected` to `actual`, or nil if they are equal.
    public static func difference(_ expected: String, _ actual: String, expectedName: String = "expected",
        actualName: String = "actual") -> String?
    {
        guard expected != actual else { return nil }
        let diff = UnifiedDiff.diff(old: expected, new: actual, oldName: expectedName, newName: actualName)
        // UnifiedDiff compares lines, so a missing final line break alone shows no hunk.
        return diff.isEmpty ? "--- \(expectedName)\n+++ \(actualName)\n(only the final line break differs)\n" : diff
    }

    /// A golden file's path from the repository root, or from the fixtures root when recording into a copy.
    static func displayName(_ golden: URL) -> String {
        for base in [repositoryRoot, root.deletingLastPathComponent()] where golden.path.hasPrefix(base.path + "/") {
            return String(golden.path.dropFirst(base.path.count + 1))
        }
        return golden.path
    }
}

/// A scratch folder removed when the value is released.
public final class TemporaryFolder {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("acme-scan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Restore permissions first so tests that make files unreadable still clean up.
        if let enumerator = FileManager.default.enumerator(atPath: url.path) {
            for case let path as String in enumerator {
                chmod(url.appendingPathComponent(path).path, 0o755)
            }
        }
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes a file, creating its folders.
    @discardableResult
    public func write(_ relativePath: String, _ contents: String) throws -> URL {
        try write(relativePath, Data(contents.utf8))
    }

    @discardableResult
    public func write(_ relativePath: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }
}
