import Foundation
import NestingLimit
import PythonSyntax
import PythonTreeSitter
import Synchronization

/// The folder the DAGs import the project's own modules from: Airflow puts its dags
/// folder on `sys.path`, so that is the folder to publish as the dags folder. When
/// `dags/etl.py` says `from common.defaults import ARGS` and the scan found that module
/// at `dags/common/defaults.py`, the root is `dags`: published as the dags folder, the
/// import works in Airflow as it did in the scan. Each import is looked up through
/// ``ModuleIndex/importRoot(of:importedBy:)``, the scan's own lookup, so the deploy and
/// the scan cannot disagree on what an import names.
public enum DagImportRoot {
    /// One import of a project module by a DAG file, and the root it needs.
    public struct Evidence: Sendable, Equatable {
        /// The DAG file, relative to the project root.
        public var importer: String
        /// As written: `common.defaults`.
        public var module: String
        /// The file the scan found for it.
        public var found: String
        /// The folder that must be on `sys.path` ("" for the project folder).
        public var root: String

        public init(importer: String, module: String, found: String, root: String) {
            self.importer = importer
            self.module = module
            self.found = found
            self.root = root
        }

        /// Whether its root holds the importing file: only then can the dags folder serve it.
        public var rootHoldsImporter: Bool { DagImportRoot.contains(root, importer) }

        var sentence: String { "\(importer) imports \(module) from \(found)" }
    }

    public enum Decision: Sendable, Equatable {
        /// Publish `folder` ("" for the whole project); `because`: an import that needs
        /// it, nil when no DAG imports a module of the project from a folder holding the
        /// DAG (then the folder holding every DAG file; `besides`: an import the dags
        /// folder cannot serve, such as one from `plugins/`, said so that it is not a surprise).
        case folder(String, because: Evidence?, besides: Evidence? = nil)
        /// No one folder serves every import: they need different roots (one import
        /// each), or some DAG files lie outside the one root they need (`outside`).
        case conflict([Evidence], outside: [String])

        /// The folder to publish, nil on a conflict.
        public var folder: String? {
            if case .folder(let folder, _, _) = self { return folder }
            return nil
        }

        /// Why, in one sentence (for the plan and for init's comment).
        public var explanation: String {
            switch self {
            case .folder(let folder, nil, let besides):
                let holder = folder.isEmpty ? "the project folder is the one folder holding every DAG file" : "\(folder)/ holds every DAG file"
                guard let besides else { return "\(holder), and no DAG imports a module of the project" }
                return "\(holder), and no DAG imports a module of the project from a folder holding it (\(besides.sentence), "
                    + "which the dags folder cannot serve: \(DagImportRoot.display(besides.root)) must be on Airflow's sys.path itself, as its plugins folder is)"
            case .folder(let folder, let evidence?, _):
                // A root of the project makes every file of it a candidate for Airflow's parse.
                let also = folder.isEmpty ? "; Airflow also parses every other file there that mentions airflow and dag (tests, scripts): keep those out with .airflowignore" : ""
                return "the DAGs' import root: \(evidence.sentence)\(also)"
            case .conflict(let evidence, let outside) where !outside.isEmpty:
                let list = outside.prefix(3).joined(separator: ", ") + (outside.count > 3 ? ", ..." : "")
                return "\(evidence[0].sentence), so \(DagImportRoot.display(evidence[0].root)) must be Airflow's dags folder, but \(list) \(outside.count == 1 ? "is" : "are") not in it"
            case .conflict(let evidence, _):
                let roots = evidence.map { "\($0.sentence) (root: \(DagImportRoot.display($0.root)))" }.joined(separator: "; ")
                return "the DAGs import from different roots, and Airflow puts one dags folder on sys.path: \(roots)"
            }
        }
    }

    /// `dags/`, or "the project folder" for "".
    public static func display(_ folder: String) -> String { folder.isEmpty ? "the project folder" : folder + "/" }

    /// The imports of the project's own modules in `dagFiles` (module level and inside
    /// functions: a task's import runs in Airflow too), each with the root it needs.
    /// `files`: every `.py` file of the tree, as the scan walked it. Only the DAG files
    /// are parsed, each once, and dropped (the modules they import are looked up by
    /// path). Measured with `generate` on 600 DAG files (9.5 MB, debug build, loaded
    /// 2-core machine): 2.5 s more CPU than with `source` set (the whole scan: 3.1 s),
    /// peak memory unchanged at 40 MB; keeping the trees, as ``ModuleIndex`` caches
    /// the modules it follows, took it to 65 MB.
    public static func evidence(folder: URL, files: [String], dagFiles: [String]) -> [Evidence] {
        let index = ModuleIndex(folder: folder, files: files)
        let dagFiles = Set(dagFiles).sorted()
        let found = Mutex<[Evidence]>([])
        let next = Atomic<Int>(0)
        // Walkers recurse over syntax trees: their threads get a stack that holds the nesting limit.
        DeepStack.concurrentPerform(threads: min(ProcessInfo.processInfo.activeProcessorCount, max(dagFiles.count, 1))) { _ in
            guard let parser = try? PythonParser() else { return }
            while true {
                let position = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard position < dagFiles.count else { return }
                let file = dagFiles[position]
                guard case .text(let bytes) = SourceReader.read(folder.path + "/" + file, relativePath: file),
                    let tree = try? parser.parse(bytes)
                else { continue }
                var seen = Set<String>()
                var mine: [Evidence] = []
                Statements.visit(tree.root) { statement in
                    for candidates in importCandidates(statement) {
                        guard let evidence = firstRoot(candidates, importer: file, index: index), seen.insert(evidence.module).inserted else { continue }
                        mine.append(evidence)
                    }
                }
                found.withLock { $0 += mine }
            }
        }
        return found.withLock { $0 }.sorted { ($0.importer, $0.module) < ($1.importer, $1.module) }
    }

    /// The folder to publish for DAG files with these imports. An import whose root does
    /// not hold the importing file (a module under `plugins/`, which Airflow puts on
    /// `sys.path` itself; a package installed from a `src/` folder) cannot be served by
    /// the dags folder and says nothing about it.
    public static func decide(dagFiles: [String], evidence all: [Evidence]) -> Decision {
        let evidence = all.filter(\.rootHoldsImporter)
        let byRoot = Dictionary(grouping: evidence, by: \.root)
        guard let first = evidence.first else {
            return .folder(commonFolder(dagFiles), because: nil, besides: all.first)
        }
        if byRoot.count > 1 {
            return .conflict(byRoot.keys.sorted().map { byRoot[$0]![0] }, outside: [])
        }
        let outside = Set(dagFiles).filter { !contains(first.root, $0) }.sorted()
        return outside.isEmpty ? .folder(first.root, because: first) : .conflict([first], outside: outside)
    }

    /// Whether `folder` ("" for the project) holds `file`.
    static func contains(_ folder: String, _ file: String) -> Bool {
        folder.isEmpty || file.hasPrefix(folder + "/")
    }

    /// The deepest folder holding every file ("" when that is the project folder).
    static func commonFolder(_ files: [String]) -> String {
        let folders = files.map { $0.split(separator: "/").dropLast().map(String.init) }
        guard var common = folders.first else { return "" }
        for folder in folders.dropFirst() {
            common = Array(zip(common, folder).prefix { $0 == $1 }.map(\.0))
        }
        return common.joined(separator: "/")
    }

    /// For each module an import statement names, the dotted names to look up, most
    /// specific first: `from common import defaults` may name the module
    /// `common.defaults` or the name `defaults` of `common`. Relative imports (a DAG file
    /// is no package's module) and Airflow's own package (installed ahead of the dags
    /// folder on `sys.path`) say nothing about the project's import root.
    static func importCandidates(_ statement: Node) -> [[String]] {
        let names: [[String]]
        switch statement.type {
        case "import_statement":
            names = Statements.importedNames(statement).map { [$0] }
        case "import_from_statement":
            guard let module = statement.child(byField: "module_name")?.text.filter({ !$0.isWhitespace }) else { return [] }
            let members = Statements.importedNames(statement)
            names = [members.filter { $0 != module + ".*" } + [module]]
        default:
            return []
        }
        return names.map { group in group.filter { !$0.hasPrefix(".") && $0.split(separator: ".").first != "airflow" } }
            .filter { !$0.isEmpty }
    }

    private static func firstRoot(_ candidates: [String], importer: String, index: ModuleIndex) -> Evidence? {
        for dotted in candidates {
            if let (module, root) = index.importRoot(of: dotted, importedBy: importer), let root {
                return Evidence(importer: importer, module: dotted, found: module, root: root)
            }
        }
        return nil
    }
}
