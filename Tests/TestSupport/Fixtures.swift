import Foundation
import Testing

/// Paths into the repository's `Fixtures/` folder and golden-file helpers.
///
/// Set `ACME_RECORD=1` to rewrite golden files from the current output;
/// a recording run fails on purpose so it is never mistaken for a pass.
public enum Fixtures {
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static let root = repositoryRoot.appendingPathComponent("Fixtures")

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
    public static func expectGolden(_ actual: String, at golden: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        if isRecording {
            try? actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.path); unset ACME_RECORD and run again", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
            Issue.record("missing golden file \(golden.path); run with ACME_RECORD=1 to create it",
                sourceLocation: sourceLocation)
            return
        }
        if let difference = firstDifference(expected, actual) {
            Issue.record("\(golden.lastPathComponent) differs from the output:\n\(difference)", sourceLocation: sourceLocation)
        }
    }

    /// A short description of the first differing line, or nil if equal.
    public static func firstDifference(_ expected: String, _ actual: String) -> String? {
        guard expected != actual else { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<end of file>"
            let right = index < b.count ? String(b[index]) : "<end of file>"
            if left != right {
                return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)"
            }
        }
        return "the files differ in line endings"
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
