import PythonSyntax
import PythonTreeSitter

/// A parsed `.py` file, as detectors see it. The module scope is built once
/// and shared by every detector.
public final class SourceFile: @unchecked Sendable {
    /// Relative, `/`-separated path.
    public let path: String
    public let tree: SyntaxTree
    /// Excluded by an `.airflowignore` file: Airflow never loads it.
    public let airflowIgnored: Bool
    /// The Airflow major version the file is read for (``AirflowTargets``).
    public let airflowVersion: Int
    /// The tree's other modules, for following imports (nil when scanning one file alone).
    public let modules: ModuleIndex?
    public private(set) lazy var moduleScope: Scope = Scope.module(tree)

    public init(path: String, tree: SyntaxTree, airflowIgnored: Bool = false, airflowVersion: Int = AirflowTarget.newest,
        modules: ModuleIndex? = nil)
    {
        self.path = path
        self.tree = tree
        self.airflowIgnored = airflowIgnored
        self.airflowVersion = airflowVersion
        self.modules = modules
    }

    /// True when an import anywhere in the file names `module` or one of its submodules.
    public func imports(module: String) -> Bool {
        var found = false
        Statements.visit(tree.root) { statement in
            guard !found else { return }
            found = Statements.importedNames(statement).contains { $0 == module || $0.hasPrefix(module + ".") }
        }
        return found
    }
}


/// What a detector found in one file.
public struct DetectionResult: Sendable {
    public var flows: [Flow] = []
    public var diagnostics: [Diagnostic] = []
    public init() {}
}

/// Finds one framework's flows in a parsed file. Adding a framework means
/// adding one detector and listing it in ``FlowDetectors/all``.
public protocol FlowDetector: Sendable {
    var kind: FlowKind { get }
    /// The pre-filter on a file's bytes: files it rejects are never parsed,
    /// so it must admit every file in which ``detect(in:)`` could find a flow.
    func mightDefineFlows(_ bytes: [UInt8]) -> Bool
    /// The same test for the file at `path`, which may look imported modules up in
    /// `modules` (a DAG class defined in another module of the tree).
    func mightDefineFlows(_ bytes: [UInt8], path: String, modules: ModuleIndex?) -> Bool
    /// Identifies the detector and its options in the result cache's key.
    var configurationKey: String { get }
    /// Whether the file imports the framework (syntax errors are reported for
    /// such files when the pre-filter admits them).
    func isRelevant(_ file: SourceFile) -> Bool
    func detect(in file: SourceFile) -> DetectionResult
}

extension FlowDetector {
    public func mightDefineFlows(_ bytes: [UInt8], path: String, modules: ModuleIndex?) -> Bool { mightDefineFlows(bytes) }
    public var configurationKey: String { kind.rawValue }
}
