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
    /// Module name (the last part) → the paths of the modules of that name, with a path's
    /// parts cut only when its name is looked up. Built once ``linearLookups`` names were
    /// looked up without it: `check FILE` follows a few imports in a tree of thousands of
    /// files, and building it cost 2.5 ms of its 35 on the large corpus (cutting every path
    /// into parts, before, 16 ms), while a scan of the tree looks up thousands of names.
    private var modulesByName: [String: [String]]?
    private var namesLookedUp = 0
    private static let linearLookups = 32
    /// `files` in byte order (the walk's order already), to find a path by binary search:
    /// hashing every path into a set cost `check FILE` 1 ms.
    private lazy var sortedFiles: [String] = Self.isInByteOrder(files) ? files : files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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

    /// The modules named `name`: from the index once built, else by comparing each path's end.
    private func modules(named name: String) -> [String] {
        if modulesByName == nil {
            namesLookedUp += 1
            if namesLookedUp <= Self.linearLookups { return files.filter { Self.isModule($0, named: name) } }
            modulesByName = Self.index(files)
        }
        return modulesByName![name] ?? []
    }

    /// Whether `file` is `…/name.py` or `…/name/__init__.py`, compared as bytes, nothing built.
    private static func isModule(_ file: String, named name: String) -> Bool {
        var bytes = file.utf8[...]
        guard bytes.count > 3, bytes.suffix(3).elementsEqual(".py".utf8) else { return false }
        bytes = bytes.dropLast(3)
        if bytes.count >= 9, bytes.suffix(9).elementsEqual("/__init__".utf8) {
            bytes = bytes.dropLast(9)
        } else if bytes.elementsEqual("__init__".utf8) {
            return false
        }
        guard bytes.count >= name.utf8.count, bytes.suffix(name.utf8.count).elementsEqual(name.utf8) else { return false }
        let before = bytes.dropLast(name.utf8.count)
        return before.isEmpty || before.last == UInt8(ascii: "/")
    }

    private static func isInByteOrder(_ files: [String]) -> Bool {
        zip(files, files.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func contains(_ path: String, inSorted files: [String]) -> Bool {
        var (low, high) = (0, files.count)
        while low < high {
            let middle = (low + high) / 2
            if files[middle].utf8.lexicographicallyPrecedes(path.utf8) { low = middle + 1 } else { high = middle }
        }
        return low < files.count && files[low] == path
    }

    private static func index(_ files: [String]) -> [String: [String]] {
        var modules: [String: [String]] = [:]
        for file in files {
            guard let name = moduleName(file) else { continue }
            modules[name, default: []].append(file)
        }
        return modules
    }

    /// `a/b/c.py` → `c`, `a/b/__init__.py` → `b`; nil for a top-level `__init__.py`.
    private static func moduleName(_ file: String) -> String? {
        var bytes = file.utf8.dropLast(3)  // ".py"
        if bytes.elementsEqual("__init__".utf8) { return nil }
        if bytes.count > 9, bytes.suffix(9).elementsEqual("/__init__".utf8) { bytes = bytes.dropLast(9) }
        let start = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        return String(Substring(bytes[start...]))
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
            for candidate in [base + name + ".py", base + name + "/__init__.py"] where Self.contains(candidate, inSorted: files) {
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
