import NestingLimit
import PythonTreeSitter

/// Visits statements, descending into every block (if/for/while/try/with/
/// match bodies, and function and class bodies), but never into expressions.
public enum Statements {
    public static func visit(_ root: Node, _ visitor: (Node) -> Void) {
        for child in root.namedChildren { visitStatement(child, depth: .top, visitor) }
    }

    private static func visitStatement(_ node: Node, depth: NestingDepth, _ visitor: (Node) -> Void) {
        visitor(node)
        guard let depth = node.descend(from: depth) else { return }
        for child in node.namedChildren {
            switch child.type {
            case "block", "elif_clause", "else_clause", "except_clause", "finally_clause", "case_clause",
                "except_group_clause", "function_definition", "class_definition", "decorated_definition":
                if child.type == "block" {
                    for statement in child.namedChildren { visitStatement(statement, depth: depth, visitor) }
                } else {
                    visitStatement(child, depth: depth, visitor)
                }
            default:
                break
            }
        }
    }

    /// The modules an import statement names: `import a.b` → ["a.b"],
    /// `from a.b import c, d` → ["a.b.c", "a.b.d"], relative ones keep their dots.
    public static func importedNames(_ statement: Node) -> [String] {
        switch statement.type {
        case "import_statement":
            return statement.children(byField: "name").map { name in
                (name.type == "aliased_import" ? name.child(byField: "name") : name)?.text ?? name.text
            }
        case "import_from_statement", "future_import_statement":
            guard let module = statement.child(byField: "module_name")?.text else { return [] }
            let names = statement.children(byField: "name").map { name in
                (name.type == "aliased_import" ? name.child(byField: "name") : name)?.text ?? name.text
            }
            return names.isEmpty ? [module] : names.map { module.hasSuffix(".") ? module + $0 : module + "." + $0 }
        default:
            return []
        }
    }
}
