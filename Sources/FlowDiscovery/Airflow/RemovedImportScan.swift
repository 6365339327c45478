import NestingLimit
import PythonSyntax
import PythonTreeSitter

/// The imports a file runs when Airflow imports it that name something
/// Airflow 3 no longer has (``RemovedAirflowImport``): the first one raises,
/// the import fails, and DagBag registers none of the file's DAGs.
///
/// Only statements that run at import are read: the module body and the
/// bodies of `with`, `for`, `while` and class definitions in it. Not read:
/// function bodies (they run only when called), `if` / `match` branches (the
/// condition may pick the branch Airflow 3 never takes: `if AIRFLOW_V_3: ...
/// else: from airflow.operators.dummy import ...`), `except` handlers, and
/// `try` bodies whose handlers catch ImportError (a guarded import is the
/// usual way to support both versions).
enum RemovedImportScan {
    struct Finding {
        let entry: RemovedAirflowImport
        /// What the file imports (`airflow.operators.dummy.DummyOperator`).
        let imported: String
        /// The dotted name or imported name the failure is reported at.
        let node: Node
        /// ModuleNotFoundError when the module part is gone, ImportError when only the name is.
        let exception: String
        /// Where the replacement comes from: the imported name's own entry when it has one
        /// (`airflow.operators.dummy.DummyOperator`: use EmptyOperator), else `entry`.
        var replacement: RemovedAirflowImport? = nil

        var message: String {
            let what = exception == "ImportError"
                ? "`\(imported.split(separator: ".").last ?? "")` is no longer in `\(imported.split(separator: ".").dropLast().joined(separator: "."))`"
                : "`\(entry.path)` no longer exists"
            return "\(what) in Airflow 3: this import raises \(exception), so the file fails to import and Airflow registers none of its DAGs"
                + ((replacement ?? entry).advice.map { "; \($0)" } ?? "")
        }
    }

    private static let entries: [String: RemovedAirflowImport] =
        Dictionary(uniqueKeysWithValues: RemovedAirflowImport.all.map { ($0.path, $0) })

    /// The entry that makes importing `path` fail: the path itself or its nearest removed ancestor.
    static func entry(for path: String) -> RemovedAirflowImport? {
        guard path.hasPrefix("airflow") else { return nil }
        var candidate = Substring(path)
        while true {
            if let entry = entries[String(candidate)] { return entry }
            guard let dot = candidate.lastIndex(of: ".") else { return nil }
            candidate = candidate[..<dot]
        }
    }

    /// True when `from module import names` (or `import module`, with no names) fails.
    static func fails(module: String, names: [String]) -> Bool {
        entry(for: module) != nil || names.contains { $0 != "*" && entry(for: module + "." + $0) != nil }
    }

    static func findings(in root: Node) -> [Finding] {
        var result: [Finding] = []
        visit(root, depth: .top, into: &result)
        return result
    }

    private static func visit(_ block: Node, depth: NestingDepth, into result: inout [Finding]) {
        guard let depth = block.descend(from: depth) else { return }
        for statement in block.namedChildren {
            switch statement.type {
            case "import_statement":
                for name in statement.children(byField: "name") {
                    let dotted = dottedName(name)
                    let path = dotted.text.filter { !$0.isWhitespace }
                    if let entry = entry(for: path) {
                        result.append(Finding(entry: entry, imported: path, node: dotted, exception: "ModuleNotFoundError"))
                    }
                }
            case "import_from_statement":
                guard let moduleNode = statement.child(byField: "module_name"), moduleNode.type == "dotted_name" else { break }
                let module = moduleNode.text.filter { !$0.isWhitespace }
                if let entry = entry(for: module) {
                    let specific = statement.children(byField: "name").lazy.compactMap { name -> RemovedAirflowImport? in
                        let dotted = dottedName(name)
                        return Self.entry(for: module + "." + dotted.text).flatMap { $0.path.count > entry.path.count ? $0 : nil }
                    }.first
                    result.append(Finding(entry: entry, imported: module, node: moduleNode, exception: "ModuleNotFoundError",
                        replacement: specific))
                    break
                }
                for name in statement.children(byField: "name") {
                    let dotted = dottedName(name)
                    let path = module + "." + dotted.text
                    if let entry = entry(for: path) {
                        result.append(Finding(entry: entry, imported: path, node: dotted, exception: "ImportError"))
                    }
                }
            case "with_statement", "for_statement", "while_statement":
                for child in statement.namedChildren {
                    if let body = child.type == "block" ? child : child.type == "else_clause" ? clauseBlock(child) : nil {
                        visit(body, depth: depth, into: &result)
                    }
                }
            case "class_definition":
                if let body = statement.child(byField: "body") { visit(body, depth: depth, into: &result) }
            case "decorated_definition":
                if let definition = statement.child(byField: "definition"), definition.type == "class_definition",
                    let body = definition.child(byField: "body")
                {
                    visit(body, depth: depth, into: &result)
                }
            case "try_statement":
                let handlers = statement.namedChildren.filter { $0.type == "except_clause" || $0.type == "except_group_clause" }
                let guarded = handlers.contains(where: catchesImportError)
                for child in statement.namedChildren {
                    switch child.type {
                    case "block" where !guarded: visit(child, depth: depth, into: &result)
                    // An exception in `else` or `finally` is not caught by the handlers.
                    case "else_clause", "finally_clause":
                        if let body = clauseBlock(child) { visit(body, depth: depth, into: &result) }
                    default: break
                    }
                }
            default:
                break
            }
        }
    }

    /// `a.b` in `import a.b as c` or `from m import a.b as c`.
    private static func dottedName(_ name: Node) -> Node {
        name.type == "aliased_import" ? name.child(byField: "name") ?? name : name
    }

    private static func clauseBlock(_ clause: Node) -> Node? { clause.namedChildren.first { $0.type == "block" } }

    /// Names that catch an ImportError: the class, its base classes, and ModuleNotFoundError.
    private static let catching: Set<String> = ["ImportError", "ModuleNotFoundError", "Exception", "BaseException"]

    /// `except ImportError:`, `except (ValueError, ImportError) as e:`, `except* ImportError:`, bare `except:`.
    private static func catchesImportError(_ handler: Node) -> Bool {
        guard var caught = handler.namedChildren.first(where: { $0.type != "block" && $0.type != "comment" }) else {
            return true
        }
        if caught.type == "as_pattern", let inner = caught.namedChildren.first { caught = inner }
        let names = caught.type == "tuple" || caught.type == "parenthesized_expression" ? caught.significantChildren : [caught]
        return names.contains { name in
            let last = name.type == "attribute" ? name.child(byField: "attribute")?.text : name.text
            return last.map(catching.contains) ?? false
        }
    }
}
