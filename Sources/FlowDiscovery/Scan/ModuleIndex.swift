import Foundation
import PythonTreeSitter

/// The other modules of the scanned tree, for following an import such as
/// `from helpers.tasks import extract` into the file that defines `extract`.
///
/// The tree's import roots are not known (no sys.path), so a dotted module
/// name is matched by its longest suffix of two or more parts that names
/// exactly one file: `system.amazon.aws.utils.ec2` finds `aws/utils/ec2.py`
/// when scanning from `system/amazon`. A one-part name (`utils`) only matches
/// a module at the root or beside the importing file, so `datetime` never
/// finds some `datetime.py` deep in the tree. Files are parsed on first use
/// and cached; nothing runs.
public final class ModuleIndex: @unchecked Sendable {
    private let folder: URL
    private let files: [String]
    /// Dotted name (every suffix of the path) → relative path; nil when ambiguous.
    /// Built on first use: most scans never follow an import.
    private var paths: [String: String?]?
    private lazy var fileSet = Set(files)
    private let lock = NSLock()
    private var cache: [String: SourceFile?] = [:]
    private var lookups: [String: String?] = [:]
    /// Importer → the modules it was led to; importers that looked anything up.
    /// The scan cache uses them to know what a file's result depends on.
    private var followed: [String: Set<String>] = [:]
    private var consulted: Set<String> = []

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

    /// The parsed module for a dotted name imported by `importer`, if the tree
    /// has exactly one candidate.
    public func module(_ dotted: String, importedBy importer: String) -> SourceFile? {
        let parts = dotted.split(separator: ".").map(String.init)
        let key = parts.count == 1 ? "\(importer)|\(dotted)" : dotted
        lock.lock()
        let path: String?
        if let known = lookups[key] {
            path = known
        } else if parts.count == 1 {
            path = Self.sibling(dotted, of: importer, in: fileSet)
            lookups[key] = path
        } else {
            if paths == nil { paths = Self.index(files) }
            path = Self.suffixMatch(parts, in: paths!)
            lookups[key] = path
        }
        consulted.insert(importer)
        if let path { followed[importer, default: []].insert(path) }
        lock.unlock()
        return path.flatMap(load)
    }

    private static func suffixMatch(_ parts: [String], in paths: [String: String?]) -> String? {
        var parts = parts
        while parts.count >= 2 {
            if let candidate = paths[parts.joined(separator: ".")] { return candidate }
            parts.removeFirst()
        }
        return nil
    }

    private static func sibling(_ name: String, of importer: String, in files: Set<String>) -> String? {
        let folder = importer.split(separator: "/").dropLast().joined(separator: "/")
        let folders = folder.isEmpty ? [""] : [folder + "/", ""]
        for base in folders {
            for candidate in [base + name + ".py", base + name + "/__init__.py"] where files.contains(candidate) {
                return candidate
            }
        }
        return nil
    }

    /// The modules `importer` was led to, directly or through them, and whether it
    /// consulted the index at all (then the set of files in the tree matters too).
    func dependencies(of importer: String) -> (modules: Set<String>, consulted: Bool) {
        lock.lock()
        defer { lock.unlock() }
        var modules: Set<String> = []
        var pending = Array(followed[importer] ?? [])
        while let next = pending.popLast() {
            guard next != importer, modules.insert(next).inserted else { continue }
            pending += followed[next] ?? []
        }
        return (modules, consulted.contains(importer) || modules.contains { consulted.contains($0) })
    }

    private func load(_ path: String) -> SourceFile? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[path] { return cached }
        var file: SourceFile?
        if case .text(let bytes) = SourceReader.read(folder.path + "/" + path, relativePath: path),
            let parser = try? PythonParser(), let tree = try? parser.parse(bytes)
        {
            file = SourceFile(path: path, tree: tree, modules: self)
            _ = file?.moduleScope  // build it under the lock: SourceFile is then read-only
        }
        cache[path] = file
        return file
    }
}
