import NestingLimit
import PythonTreeSitter

/// Turns tree-sitter's ERROR and MISSING nodes into located diagnostics.
enum SyntaxErrors {
    /// Beyond this many per file, one more diagnostic says how many were left out.
    static let limit = 10

    static func diagnostics(in file: SourceFile) -> [Diagnostic] {
        let root = file.tree.root
        guard root.hasError else { return [] }
        var found: [Node] = []
        collect(root, depth: .top, into: &found)
        var diagnostics = found.prefix(limit).map { node in
            Diagnostic(.syntaxError, message(for: node), file: file.path, line: node.line, column: node.column)
        }
        if found.count > limit, let last = diagnostics.last {
            diagnostics.append(Diagnostic(.syntaxError, "\(found.count - limit) more syntax errors not shown",
                file: file.path, line: last.line, column: last.column))
        }
        return diagnostics
    }

    // Descends only into subtrees that contain an error, and stops at the
    // outermost ERROR node: its insides repeat the same mistake.
    private static func collect(_ node: Node, depth: NestingDepth, into found: inout [Node]) {
        if node.isError || node.isMissing {
            found.append(node)
            return
        }
        guard let depth = node.descend(from: depth) else { return }
        for child in node.children where child.hasError || child.isMissing { collect(child, depth: depth, into: &found) }
    }

    private static func message(for node: Node) -> String {
        if node.isMissing { return "syntax error: missing '\(node.type)'" }
        let firstLine = node.text.split(separator: "\n", omittingEmptySubsequences: true).first ?? ""
        var snippet = String(firstLine.trimmingCharacters(in: .whitespaces))
        if snippet.count > 40 { snippet = String(snippet.prefix(40)) + "..." }
        return snippet.isEmpty ? "syntax error" : "syntax error: unexpected '\(snippet)'"
    }
}

import Foundation
