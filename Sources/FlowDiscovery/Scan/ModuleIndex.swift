import Foundation
import PythonTreeSitter

/// The other modules of the scanned tree, for following an import such as
/// `from helpers.tasks import extract` into the file that defines `extract`.
///
/// The tree's import roots are not known (no sys.path), so a module name is
/// matched by its longest dotted suffix that names exactly one file:
/// `system.amazon.aws.utils.ec2` finds `aws/utils/ec2.py` when scanning from
/// `system/amazon`. Files are parsed on first use and cached; nothing runs.
public final class ModuleIndex: @unchecked Sendable {
    private let folder: URL
    private let files: [String]
    /// Dotted name (every suffix of the path) → relative path; nil when ambiguous.
    /// Built on first use: most scans never follow an import.
    private var paths: [String: String?]?
    private let lock = NSLock()
    private var cache: [String: SourceFile?] = [:]

    public init(folder: URL, files: [String]) {
        self.folder = folder
        self.files = files
    }

    private static func index(_ files: [String]) -> [String: String?] {
        var paths: [String: String?] = [:]
        for file in files {
            var parts = file.dropLast(3).split(separator: "/").map(String.init)
            if parts.last == "__init__" { parts.removeLast() }
            for start in parts.indices {
                let key = parts[start...].joined(separator: ".")
                if let existing = paths[key], existing != file { paths[key] = .some(nil) } else { paths[key] = file }
            }
        }
        return paths
    }

    /// The parsed module for a dotted name, if the tree has exactly one candidate.
    public func module(_ dotted: String) -> SourceFile? {
        lock.lock()
        if paths == nil { paths = Self.index(files) }
        let paths = self.paths!
        lock.unlock()
        var parts = dotted.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            let key = parts.joined(separator: ".")
            if let candidate = paths[key] {
                guard let path = candidate else { return nil }
                return load(path)
            }
            parts.removeFirst()
        }
        return nil
    }

    private func load(_ path: String) -> SourceFile? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[path] { return cached }
        var file: SourceFile?
        if case .text(let bytes) = SourceReader.read(folder.path + "/" + path, relativePath: path),
            let parser = try? PythonParser()
        {
            file = SourceFile(path: path, tree: parser.parse(bytes), modules: self)
            _ = file?.moduleScope  // build it under the lock: SourceFile is then read-only
        }
        cache[path] = file
        return file
    }
}
