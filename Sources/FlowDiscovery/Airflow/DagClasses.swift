import PythonSyntax
import PythonTreeSitter

/// What calling a DAG class tells about the DAG's tasks.
enum DagClassKind: Equatable {
    /// Airflow's `DAG`, a subclass, or a configured class: the tasks are what the code adds.
    case dag
    /// cosmos' `DbtDag` or a subclass: cosmos builds the tasks from a dbt project
    /// when the file is imported, so they are not known statically.
    case dbtDag
}

/// Which classes build DAGs: Airflow's `DAG`, cosmos' `DbtDag`, the classes
/// the `dag-classes` setting names, and subclasses of any of them, defined in
/// the same file or in another module of the scanned tree (followed through
/// ``ModuleIndex``, through subclasses of subclasses and re-exports).
struct DagClasses: Sendable {
    /// Qualified names, as DAG files import them (`mylib.dags.TeamDAG`).
    let configured: Set<String>
    /// Subclass chains longer than this are not followed (and a class that is its own base ends here).
    static let depthLimit = 8

    init(configured: Set<String> = []) {
        self.configured = configured
    }

    func kind(ofQualified name: String) -> DagClassKind? {
        if AirflowNames.dagClasses.contains(name) || configured.contains(name) { return .dag }
        if AirflowNames.cosmosDagClasses.contains(name) { return .dbtDag }
        return nil
    }

    /// `from mylib.dags import TeamDAG` in `importer`: the kind of TeamDAG when it is a
    /// class of the tree that derives from a DAG class.
    func kind(ofImported qualified: String, importer: String, modules: ModuleIndex, depth: Int = 0) -> DagClassKind? {
        guard depth < Self.depthLimit, !AirflowNames.isLibrary(qualified),
            let (file, binding) = modules.definition(of: qualified, importedBy: importer),
            case .class(let definition) = binding
        else { return nil }
        return kind(ofClass: definition, in: file, depth: depth + 1)
    }

    /// A class of `file` (not the DAG file itself, whose classes the interpreter
    /// tracks as it runs): the kind of its first base that builds DAGs.
    func kind(ofClass definition: Node, in file: SourceFile, depth: Int = 0) -> DagClassKind? {
        guard depth < Self.depthLimit, let bases = definition.child(byField: "superclasses")?.significantChildren else {
            return nil
        }
        let scope = file.moduleScope
        for base in bases where base.type == "identifier" || base.type == "attribute" {
            if base.type == "identifier", case .class(let local)? = scope.lookup(base.text, before: definition.startByte) {
                if let kind = kind(ofClass: local, in: file, depth: depth + 1) { return kind }
                continue
            }
            guard let qualified = NameResolver.qualifiedName(of: base, in: scope, at: definition.startByte) else { continue }
            if let kind = kind(ofQualified: qualified) { return kind }
            if let modules = file.modules,
                let kind = kind(ofImported: qualified, importer: file.path, modules: modules, depth: depth + 1)
            {
                return kind
            }
        }
        return nil
    }
}
