import NestingLimit
import PythonTreeSitter

/// What a name is bound to at some point of a scope.
public enum Binding: Sendable {
    /// `import a.b as x` (x → "a.b"), `import a.b` (a → "a").
    case module(String)
    /// `from a.b import c as x`: x → "a.b.c". Relative imports keep their dots: ".utils.c".
    case imported(String)
    /// `def name(...)`, possibly decorated.
    case function(Node)
    case `class`(Node)
    /// `name = value` or `name: T = value`: the value expression.
    case value(Node)
    /// Bound by something we do not follow (loop targets, `with ... as`, tuple unpacking).
    case opaque
    /// Not bound by name, but a `from module import *` came before: the name may come from there.
    case wildcard(module: String)
}

/// The names bound in one Python scope (a module, function or class body),
/// in source order, so a lookup can ask what a name meant at a given byte.
///
/// Python runs a module top to bottom: a decorator at line 10 sees the
/// bindings made before line 10. Code inside a function runs later, when the
/// module has finished, and sees the module's final bindings.
public final class Scope: @unchecked Sendable {
    public enum Kind: Sendable { case module, function, `class` }

    public let kind: Kind
    public let parent: Scope?
    /// The node whose body this scope covers (module, function_definition or class_definition).
    public let node: Node
    private var bindings: [String: [(byte: Int, binding: Binding)]] = [:]
    /// `from m import *`: modules whose public names this scope may hold.
    private var wildcards: [(byte: Int, module: String)] = []

    init(kind: Kind, node: Node, parent: Scope?) {
        self.kind = kind
        self.node = node
        self.parent = parent
    }

    /// The module scope of a parsed file.
    public static func module(_ tree: SyntaxTree) -> Scope {
        let scope = Scope(kind: .module, node: tree.root, parent: nil)
        scope.collect(tree.root, depth: .top)
        return scope
    }

    /// The scope of a function or class body nested in this one.
    public func child(for definition: Node) -> Scope {
        let kind: Kind = definition.type == "class_definition" ? .class : .function
        let scope = Scope(kind: kind, node: definition, parent: self)
        if let body = definition.child(byField: "body") { scope.collect(body, depth: .top) }
        if kind == .function, let parameters = definition.child(byField: "parameters") {
            for parameter in parameters.namedChildren {
                if let name = FunctionSignature.parameterName(parameter) {
                    scope.bind(name, at: parameter.startByte, .opaque)
                }
            }
        }
        return scope
    }

    /// What `name` is bound to just before `byte` (nil: after every binding).
    /// Falls back to enclosing function and module scopes, skipping class scopes
    /// as Python does for code inside methods.
    public func lookup(_ name: String, before byte: Int? = nil) -> Binding? {
        let isVisible = { (position: Int) in byte.map { position < $0 } ?? true }
        let wildcard = wildcards.last { isVisible($0.byte) }
        if let last = bindings[name]?.last(where: { isVisible($0.byte) }) {
            // A later `from m import *` rebinds the name if m exports it; assume it does.
            if let wildcard, wildcard.byte > last.byte { return .wildcard(module: wildcard.module) }
            return last.binding
        }
        if let wildcard { return .wildcard(module: wildcard.module) }
        var outer = parent
        // Names in an enclosing class body are not visible from a nested function.
        while let scope = outer, scope.kind == .class, kind != .class { outer = scope.parent }
        // Enclosing scopes have finished running by the time nested code runs.
        return outer?.lookup(name, before: nil)
    }

    func bind(_ name: String, at byte: Int, _ binding: Binding) {
        bindings[name, default: []].append((byte, binding))
    }

    // MARK: Collecting bindings

    // Each level of blocks costs a frame: `depth` bounds them (NestingDepth).
    private func collect(_ block: Node, depth: NestingDepth) {
        for statement in block.namedChildren { collectStatement(statement, depth: depth) }
    }

    private func collectStatement(_ statement: Node, depth: NestingDepth) {
        switch statement.type {
        case "import_statement":
            for name in statement.children(byField: "name") { bindImport(name, at: statement.startByte) }
        case "import_from_statement":
            bindFromImport(statement)
        case "function_definition":
            if let name = statement.child(byField: "name") { bind(name.text, at: statement.startByte, .function(statement)) }
        case "class_definition":
            if let name = statement.child(byField: "name") { bind(name.text, at: statement.startByte, .class(statement)) }
        case "decorated_definition":
            if let definition = statement.child(byField: "definition") {
                // The name is bound to whatever the decorators return, at the decorator's position.
                if let name = definition.child(byField: "name") {
                    let binding: Binding = definition.type == "class_definition" ? .class(definition) : .function(definition)
                    bind(name.text, at: statement.startByte, binding)
                }
            }
        case "expression_statement":
            for expression in statement.namedChildren { collectAssignment(expression) }
        case "for_statement":  // `async for` too: the grammar has no async_for_statement
            if let target = statement.child(byField: "left") { bindTargets(target, at: statement.startByte, depth: depth) }
            collectBodies(of: statement, depth: depth)
        case "with_statement":
            collectWithTargets(statement)
            collectBodies(of: statement, depth: depth)
        case "case_clause":
            for pattern in statement.namedChildren where pattern.type == "case_pattern" {
                bindCaptures(pattern, at: statement.startByte, depth: depth)
            }
            collectBodies(of: statement, depth: depth)
        case "type_alias_statement":
            // `type Number = int | float` (PEP 695): a TypeAliasType, not the value itself.
            if let left = statement.child(byField: "left"), let name = Self.aliasName(left) {
                bind(name, at: statement.startByte, .opaque)
            }
        case "if_statement", "while_statement", "try_statement", "elif_clause", "else_clause",
            "except_clause", "finally_clause", "match_statement", "block", "except_group_clause":
            collectBodies(of: statement, depth: depth)
        case "global_statement", "nonlocal_statement":
            break
        default:
            break
        }
    }

    /// `Number` in `type Number = ...` and `Pair` in `type Pair[T] = ...`.
    private static func aliasName(_ left: Node) -> String? {
        var node = left
        while node.type == "type" || node.type == "generic_type", let first = node.namedChildren.first { node = first }
        return node.type == "identifier" ? node.text : nil
    }

    private func collectBodies(of statement: Node, depth: NestingDepth) {
        guard let depth = statement.descend(from: depth) else { return }
        for child in statement.namedChildren {
            switch child.type {
            case "block": collect(child, depth: depth)
            case "elif_clause", "else_clause", "except_clause", "finally_clause", "case_clause", "except_group_clause":
                collectStatement(child, depth: depth)
            default: break
            }
        }
    }

    private func collectWithTargets(_ statement: Node) {
        for child in statement.namedChildren where child.type == "with_clause" {
            for item in child.namedChildren {
                // `with (DAG(...) as dag):` keeps its parentheses around the `as` (Python 3.10 syntax).
                var value = item.child(byField: "value")
                while let node = value, node.type == "parenthesized_expression" { value = node.significantChildren.first }
                if let value, value.type == "as_pattern", let target = value.child(byField: "alias") {
                    bindTargets(target, at: statement.startByte, depth: .top)
                }
            }
        }
    }

    /// Names a `case` pattern captures (`case [x, *rest]:`, `case {"k": v}:`, `case str() as s:`);
    /// `_`, literals and dotted value patterns (`Color.RED`) bind nothing.
    private func bindCaptures(_ pattern: Node, at byte: Int, depth: NestingDepth) {
        guard let depth = pattern.descend(from: depth) else { return }
        switch pattern.type {
        case "dotted_name":
            let parts = pattern.namedChildren
            if parts.count == 1, parts[0].text != "_" { bind(parts[0].text, at: byte, .opaque) }
        case "identifier":
            // The target of `as`, `*rest` or `**rest`.
            if pattern.text != "_" { bind(pattern.text, at: byte, .opaque) }
        case "class_pattern", "keyword_pattern":
            // The class name and the keyword are not captures; what follows may be.
            for child in pattern.namedChildren.dropFirst() { bindCaptures(child, at: byte, depth: depth) }
        case "string", "concatenated_string", "integer", "float", "true", "false", "none", "complex_pattern":
            break
        default:
            for child in pattern.namedChildren { bindCaptures(child, at: byte, depth: depth) }
        }
    }

    /// `name = value`, and chains `a = b = value`, which tree-sitter nests to
    /// the right: read in one loop (a chain can be thousands long), every
    /// target bound to the final value.
    private func collectAssignment(_ expression: Node) {
        var targets: [(target: Node, byte: Int)] = []
        var value: Node? = expression
        while let node = value, node.type == "assignment" {
            if let left = node.child(byField: "left") { targets.append((left, node.startByte)) }
            value = node.child(byField: "right")
        }
        for (target, byte) in targets.reversed() {
            if target.type == "identifier" {
                bind(target.text, at: byte, value.map { .value($0) } ?? .opaque)
            } else {
                bindTargets(target, at: byte, depth: .top)
            }
        }
    }

    private func bindTargets(_ target: Node, at byte: Int, depth: NestingDepth) {
        switch target.type {
        case "identifier":
            bind(target.text, at: byte, .opaque)
        case "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "parenthesized_expression",
            "list_splat_pattern", "as_pattern_target":
            guard let depth = target.descend(from: depth) else { return }
            for child in target.namedChildren { bindTargets(child, at: byte, depth: depth) }
        default:
            // `obj.attr = ...` and `items[0] = ...` bind no name.
            break
        }
    }

    private func bindImport(_ name: Node, at byte: Int) {
        if name.type == "aliased_import" {
            guard let module = name.child(byField: "name"), let alias = name.child(byField: "alias") else { return }
            bind(alias.text, at: byte, .module(module.text))
        } else {
            // `import a.b.c` binds `a` to the package `a`.
            let first = name.text.split(separator: ".").first.map(String.init) ?? name.text
            bind(first, at: byte, .module(first))
        }
    }

    private func bindFromImport(_ statement: Node) {
        guard let moduleNode = statement.child(byField: "module_name") else { return }
        let module = moduleNode.text.filter { !$0.isWhitespace }
        if statement.namedChildren.contains(where: { $0.type == "wildcard_import" }) {
            wildcards.append((statement.startByte, module))
            return
        }
        for name in statement.children(byField: "name") {
            if name.type == "aliased_import" {
                guard let original = name.child(byField: "name"), let alias = name.child(byField: "alias") else { continue }
                bind(alias.text, at: statement.startByte, .imported(Self.join(module, original.text)))
            } else {
                bind(name.text, at: statement.startByte, .imported(Self.join(module, name.text)))
            }
        }
    }

    private static func join(_ module: String, _ name: String) -> String {
        module.hasSuffix(".") ? module + name : module + "." + name
    }
}
