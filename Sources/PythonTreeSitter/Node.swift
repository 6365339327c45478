import CTreeSitter

/// A node of a ``SyntaxTree``. Keeps its tree alive, so nodes can outlive the
/// scope that parsed them.
public struct Node: @unchecked Sendable {
    let raw: TSNode
    public let tree: SyntaxTree

    init(raw: TSNode, tree: SyntaxTree) {
        self.raw = raw
        self.tree = tree
    }

    private func wrap(_ node: TSNode) -> Node? {
        ts_node_is_null(node) ? nil : Node(raw: node, tree: tree)
    }

    /// The grammar's name for this node: `function_definition`, `identifier`, `(`, ...
    public var type: String { String(cString: ts_node_type(raw)) }
    public var isNamed: Bool { ts_node_is_named(raw) }
    public var isMissing: Bool { ts_node_is_missing(raw) }
    public var isError: Bool { type == "ERROR" }
    public var hasError: Bool { ts_node_has_error(raw) }

    public var startByte: Int { Int(ts_node_start_byte(raw)) }
    public var endByte: Int { Int(ts_node_end_byte(raw)) }
    public var byteRange: Range<Int> { startByte..<endByte }

    /// 1-based line of the first character.
    public var line: Int { Int(ts_node_start_point(raw).row) + 1 }
    /// 1-based column, in characters, of the first character.
    public var column: Int { tree.source.column(ofByte: startByte, row: Int(ts_node_start_point(raw).row)) }
    /// 1-based line of the last character.
    public var endLine: Int {
        let end = ts_node_end_point(raw)
        // A node ending in a newline ends at column 0 of the next row.
        return Int(end.row) + (end.column == 0 && end.row > ts_node_start_point(raw).row ? 0 : 1)
    }
    public var endColumn: Int { tree.source.column(ofByte: endByte, row: Int(ts_node_end_point(raw).row)) }

    /// The source text this node spans.
    public var text: String { tree.source.text(byteRange) }

    public var parent: Node? { wrap(ts_node_parent(raw)) }
    public var childCount: Int { Int(ts_node_child_count(raw)) }
    public var namedChildCount: Int { Int(ts_node_named_child_count(raw)) }
    public func child(_ index: Int) -> Node? { wrap(ts_node_child(raw, UInt32(index))) }
    public func namedChild(_ index: Int) -> Node? { wrap(ts_node_named_child(raw, UInt32(index))) }

    // ts_node_child(i) scans from the first child, so indexing in a loop is
    // quadratic on a module with many statements; a cursor walks once.
    public var children: [Node] { collectChildren(namedOnly: false) }
    public var namedChildren: [Node] { collectChildren(namedOnly: true) }

    private func collectChildren(namedOnly: Bool) -> [Node] {
        var result: [Node] = []
        var cursor = ts_tree_cursor_new(raw)
        defer { ts_tree_cursor_delete(&cursor) }
        guard ts_tree_cursor_goto_first_child(&cursor) else { return [] }
        repeat {
            let node = ts_tree_cursor_current_node(&cursor)
            if !namedOnly || ts_node_is_named(node) { result.append(Node(raw: node, tree: tree)) }
        } while ts_tree_cursor_goto_next_sibling(&cursor)
        return result
    }

    /// Named children that are not comments, which the grammar places anywhere.
    public var significantChildren: [Node] { namedChildren.filter { $0.type != "comment" } }

    public func child(byField field: String) -> Node? {
        field.withCString { wrap(ts_node_child_by_field_name(raw, $0, UInt32(field.utf8.count))) }
    }

    /// All children for a field that may repeat (such as `name` in an import).
    public func children(byField field: String) -> [Node] {
        var result: [Node] = []
        var cursor = ts_tree_cursor_new(raw)
        defer { ts_tree_cursor_delete(&cursor) }
        guard ts_tree_cursor_goto_first_child(&cursor) else { return [] }
        repeat {
            if let name = ts_tree_cursor_current_field_name(&cursor), String(cString: name) == field {
                result.append(Node(raw: ts_tree_cursor_current_node(&cursor), tree: tree))
            }
        } while ts_tree_cursor_goto_next_sibling(&cursor)
        return result
    }
}
