import PythonSyntax
import PythonTreeSitter

/// Parses `source` and returns its module scope plus a way to find nodes.
struct Parsed {
    let tree: SyntaxTree
    let scope: Scope

    init(_ source: String) throws {
        tree = try PythonParser().parse(source)
        scope = Scope.module(tree)
    }

    /// The right-hand side of the module-level assignment to `name` (the last one).
    func value(of name: String) -> Node? {
        var found: Node?
        for statement in tree.root.namedChildren where statement.type == "expression_statement" {
            if let assignment = statement.namedChild(0), assignment.type == "assignment",
                assignment.child(byField: "left")?.text == name
            {
                found = assignment.child(byField: "right")
            }
        }
        return found
    }

    /// The first decorator expression of the function named `name`.
    func decorator(of name: String) -> Node? {
        for statement in tree.root.namedChildren where statement.type == "decorated_definition" {
            if statement.child(byField: "definition")?.child(byField: "name")?.text == name {
                return statement.namedChildren.first { $0.type == "decorator" }?.namedChild(0)
            }
        }
        return nil
    }
}
