import Foundation
import PythonSyntax
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
    /// Every module's name as a digest (FNV-1a of its bytes) with the module's index in `files`,
    /// sorted: the modules of a name are one binary search away, and building it allocates one
    /// array. Built on first use. A dictionary of names to paths cost `check FILE` 2.5 ms of its
    /// 35 on the large corpus, most of it making a string per file (cutting every path into
    /// parts, before that, 16 ms); comparing every path's end per name looked up cost more
    /// instructions still, once the imported modules' own imports were followed.
    private var modulesByDigest: [(digest: UInt64, index: Int)]?
    /// `files` in byte order (the walk's order already), to find a path by binary search:
    /// hashing every path into a set cost `check FILE` 1 ms.
    private lazy var sortedFiles: [String] = files.isInByteOrder ? files : files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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

    /// The paths of the modules named `name` (`…/name.py`, `…/name/__init__.py`), in `files` order.
    private func modules(named name: String) -> [String] {
        if modulesByDigest == nil {
            modulesByDigest = files.indices.compactMap { index in Self.nameDigest(files[index]).map { ($0, index) } }
                .sorted { $0.digest < $1.digest }
        }
        let entries = modulesByDigest!
        let digest = FNV1a.digest(name.utf8)
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].digest < digest { low = middle + 1 } else { high = middle }
        }
        var found: [Int] = []
        while low < entries.count, entries[low].digest == digest {
            // Two names can share a digest: the name itself decides.
            if Self.moduleName(files[entries[low].index]) == name { found.append(entries[low].index) }
            low += 1
        }
        return found.sorted().map { files[$0] }
    }

    /// The digest of the module name of `file`, from its bytes; nil for a top-level `__init__.py`.
    private static func nameDigest(_ file: String) -> UInt64? {
        var file = file
        return file.withUTF8 { bytes in
            nameRange(bytes).map { FNV1a.digest(bytes[$0]) }
        }
    }

    /// Where the module name lies in a path's bytes: `a/b/c.py` → `c`, `a/b/__init__.py` → `b`.
    private static func nameRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard bytes.count >= 3 else { return nil }
        var end = bytes.count - 3  // ".py"
        let initName = "__init__".utf8
        if end >= initName.count, bytes[(end - initName.count)..<end].elementsEqual(initName) {
            if end == initName.count { return nil }
            if bytes[end - initName.count - 1] == UInt8(ascii: "/") { end -= initName.count + 1 }
        }
        var start = end
        while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
        return start..<end
    }

    /// `a/b/c.py` → `c`, `a/b/__init__.py` → `b`; nil for a top-level `__init__.py` (``nameRange(_:)``).
    private static func moduleName(_ file: String) -> String? {
        var file = file
        return file.withUTF8 { bytes in nameRange(bytes).map { String(decoding: bytes[$0], as: UTF8.self) } }
    }

    /// A module's path cut into the parts of its dotted name.
    private static func parts(of file: String) -> [Substring] {
        var parts = file.dropLast(3).split(separator: "/")
        if parts.last == "__init__" { parts.removeLast() }
        return parts
    }

    /// The parsed module for a dotted name imported by `importer`, if the tree
    /// has exactly one candidate.
    public func module(_ dotted: String, importedBy importer: String) -> SourceFile? {
        path(of: dotted, importedBy: importer).flatMap(load)
    }

    /// Whether a dotted name imported by `importer` is a module of the tree, without parsing it.
    public func contains(_ dotted: String, importedBy importer: String) -> Bool {
        path(of: dotted, importedBy: importer) != nil
    }

    /// The folder that must be on `sys.path` for `dotted`, imported by `importer`, to be
    /// the module this index finds for it (the same lookup as ``module(_:importedBy:)``):
    /// the module's path without the name's parts, relative to the tree ("" for the tree
    /// itself). `root` is nil when the path below the tree does not end with every part
    /// of the name (found by a shorter suffix: its root lies above the tree).
    public func importRoot(of dotted: String, importedBy importer: String) -> (module: String, root: String?)? {
        guard let path = path(of: dotted, importedBy: importer) else { return nil }
        let parts = Self.parts(of: path)
        let names = dotted.split(separator: ".")
        guard parts.count >= names.count, Array(parts.suffix(names.count)) == names else { return (path, nil) }
        return (path, parts.dropLast(names.count).joined(separator: "/"))
    }

    private func path(of dotted: String, importedBy importer: String) -> String? {
        let parts = dotted.split(separator: ".").map(String.init)
        guard let name = parts.last else { return nil }  // `from . import x`: the package itself, not followed
        let key = parts.count == 1 ? "\(importer)|\(dotted)" : dotted
        lock.lock()
        let path: String?
        if let known = lookups[key] {
            path = known
        } else if parts.count == 1 {
            path = Self.sibling(dotted, of: importer, in: sortedFiles)
            lookups[key] = path
        } else {
            path = Self.suffixMatch(parts, in: modules(named: name))
            lookups[key] = path
        }
        consulted.insert(importer)
        if let path { followed[importer, default: []].insert(path) }
        lock.unlock()
        return path
    }

    /// What `from M import N` gives `importer` when M is a module of the tree:
    /// the module that defines N and N's binding there, following up to two
    /// re-exports (`from .ec2 import get_ami` in a package's `__init__`).
    /// Every module visited is recorded as a dependency of `importer`.
    public func definition(of qualified: String, importedBy importer: String) -> (file: SourceFile, binding: Binding)? {
        guard let dot = qualified.lastIndex(of: ".") else { return nil }
        var module = String(qualified[..<dot])
        var member = String(qualified[qualified.index(after: dot)...])
        for _ in 0..<3 {
            guard let other = self.module(module, importedBy: importer), other.path != importer,
                let binding = other.moduleScope.lookup(member)
            else { return nil }
            guard case .imported(let target) = binding, let split = target.lastIndex(of: ".") else { return (other, binding) }
            var base = String(target[..<split])
            if base.hasPrefix(".") {
                // Relative to the package that holds the re-export.
                let package = other.path.hasSuffix("__init__.py") ? module : String(module[..<(module.lastIndex(of: ".") ?? module.endIndex)])
                base = package + "." + base.drop(while: { $0 == "." })
            }
            module = base
            member = String(target[target.index(after: split)...])
        }
        return nil
    }

    /// The one module whose path ends with the longest suffix (two parts or more) of
    /// `parts` that any module's path ends with; nil when none, or when two do.
    private static func suffixMatch(_ parts: [String], in candidates: [String]) -> String? {
        let candidates = candidates.map { (parts: Self.parts(of: $0), path: $0) }
        var length = parts.count
        while length >= 2 {
            let suffix = parts.suffix(length)
            let matches = candidates.filter { $0.parts.count >= length && $0.parts.suffix(length).elementsEqual(suffix) { $0 == $1 } }
            if !matches.isEmpty { return matches.count == 1 ? matches[0].path : nil }
            length -= 1
        }
        return nil
    }

    private static func sibling(_ name: String, of importer: String, in files: [String]) -> String? {
        let folder = importer.split(separator: "/").dropLast().joined(separator: "/")
        let folders = folder.isEmpty ? [""] : [folder + "/", ""]
        for base in folders {
            for candidate in [base + name + ".py", base + name + "/__init__.py"] where files.position(ofPathInByteOrder: candidate) != nil {
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
