import NestingLimit
import PythonSyntax
import PythonTreeSitter

/// Runs a DAG file's module body abstractly, the way Airflow's import would,
/// without executing anything: names hold DAGs, tasks, groups and TaskFlow
/// functions; loops over literal collections run once per element; factory
/// and `@dag` functions run with their call's arguments; `with DAG(...)`,
/// module globals and `globals()[...]` register DAGs. Anything it cannot
/// follow becomes `unknown` (and, where it matters, a diagnostic).
final class AirflowInterpreter {
    let file: SourceFile
    let module: Frame
    /// Bumped on every binding change, so frames can cache their literal bindings.
    let generation = Generation()
    private(set) var dags: [DagRecord] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var reported: Set<Diagnostic> = []
    /// Function definitions that were called at import time (by start byte).
    private var calledFunctions: Set<Int> = []
    /// Local `class X(DAG)` and operator subclasses.
    private var localClasses: [String: AirflowValue] = [:]
    let dagClasses: DagClasses
    /// Whether names imported from other modules of the tree may be DAG classes (see ``AirflowDetector``).
    let followsImportedClasses: Bool
    /// Guards against runaway recursion in factories calling factories.
    private var callDepth = 0
    /// How deep the walk is in expressions, statements and assignment targets,
    /// counted on through calls, since a called function's body runs on the same stack.
    private var depth = NestingDepth.top
    static let loopLimit = 1000

    struct Context {
        var scope: Scope
        var dag: DagRecord?
        var group: TaskGroupNode?
        /// Inside a loop whose elements are not known statically.
        var dynamic = false
        /// Running code Airflow never runs at import (an uncalled function).
        var phantom = false
        var inFunction = false
        /// Qualified name of the function being run, for naming DAGs it keeps in locals.
        var function: String?
    }

    /// The file's name without `.py`, for `Path(__file__).stem` and the like; made once,
    /// not per evaluation (it cost 6% of a cold scan of the large corpus when it was).
    let stem: String

    init(file: SourceFile, dagClasses: DagClasses = DagClasses(), followsImportedClasses: Bool = false) {
        self.file = file
        stem = String(file.path.split(separator: "/").last ?? "").replacingOccurrences(of: ".py", with: "")
        self.dagClasses = dagClasses
        self.followsImportedClasses = followsImportedClasses
        module = Frame(parent: nil, isModule: true)
    }

    func run() {
        var context = Context(scope: file.moduleScope)
        execute(file.tree.root.namedChildren, frame: module, context: &context)
        runUncalledFunctions()
    }

    // MARK: Statements

    func execute(_ statements: [Node], frame: Frame, context: inout Context) {
        for statement in statements {
            if frame.returnValue != nil { return }
            execute(statement, frame: frame, context: &context)
        }
    }

    private func execute(_ statement: Node, frame: Frame, context: inout Context) {
        guard enterNesting(below: statement) else { return }
        defer { leaveNesting() }
        switch statement.type {
        case "expression_statement":
            for expression in statement.significantChildren {
                if expression.type == "assignment" || expression.type == "augmented_assignment" {
                    assign(expression, statement: statement, frame: frame, context: context)
                } else if expression.type == "yield", let yielded = expression.significantChildren.last {
                    let firstNewDag = dags.count
                    let value = evaluate(yielded, frame: frame, context: context)
                    if !frame.isModule { markLeaving(yielded, value: value, createdFrom: firstNewDag, frame: frame) }
                } else {
                    _ = evaluate(expression, frame: frame, context: context)
                }
            }
        case "with_statement":
            executeWith(statement, frame: frame, context: context)
        case "for_statement":
            executeFor(statement, frame: frame, context: context)
        case "while_statement":
            var loop = context
            loop.dynamic = true
            executeBodies(of: statement, frame: frame, context: &loop)
        case "if_statement":
            executeIf(statement, frame: frame, context: &context)
        case "match_statement":
            executeMatch(statement, frame: frame, context: &context)
        case "try_statement":
            // Assume no exception: the body, its else, then finally.
            for child in statement.namedChildren where ["block", "else_clause", "finally_clause"].contains(child.type) {
                executeBlock(child, frame: frame, context: &context)
            }
        case "function_definition", "decorated_definition":
            define(statement, frame: frame, context: context)
        case "class_definition":
            defineClass(statement, context: context)
        case "return_statement":
            let firstNewDag = dags.count
            let expression = statement.significantChildren.first
            let value = expression.map { evaluate($0, frame: frame, context: context) }
            if let expression, let value, !frame.isModule {
                markLeaving(expression, value: value, createdFrom: firstNewDag, frame: frame)
            }
            frame.returnValue = value ?? .literal(.null)
        case "global_statement":
            for name in statement.significantChildren where name.type == "identifier" { frame.globalNames.insert(name.text) }
        default:
            break
        }
    }

    func executeBlock(_ node: Node, frame: Frame, context: inout Context) {
        if node.type == "block" {
            execute(node.namedChildren, frame: frame, context: &context)
        } else {
            for child in node.namedChildren where child.type == "block" { execute(child.namedChildren, frame: frame, context: &context) }
        }
    }

    func executeBodies(of statement: Node, frame: Frame, context: inout Context) {
        for child in statement.namedChildren where child.type == "block" || child.type == "else_clause" {
            executeBlock(child, frame: frame, context: &context)
        }
    }

    private func executeWith(_ statement: Node, frame: Frame, context: Context) {
        var inner = context
        var setupTeardown: [(dag: DagRecord, tasks: [String], start: Int)] = []
        for clause in statement.namedChildren where clause.type == "with_clause" {
            for item in clause.namedChildren where item.type == "with_item" {
                guard var valueNode = item.child(byField: "value") else { continue }
                // `with (DAG(...) as dag):` (Python 3.10) keeps the parentheses around the `as`.
                while valueNode.type == "parenthesized_expression", let inner = valueNode.significantChildren.first {
                    valueNode = inner
                }
                var alias: Node?
                if valueNode.type == "as_pattern" {
                    alias = valueNode.child(byField: "alias")?.significantChildren.first ?? valueNode.child(byField: "alias")
                    valueNode = valueNode.significantChildren.first ?? valueNode
                }
                let value = evaluate(valueNode, frame: frame, context: inner)
                switch value {
                case .dag(let record):
                    record.entered = true
                    record.enteredAtModuleLevel = !context.inFunction
                    // `with DAG(...):` is located at the `with`; `with dag:` keeps the constructor call's place.
                    if statement.byteRange.contains(record.call.startByte) { record.anchor = statement }
                    if record.declaration == .call { record.declaration = .with }
                    if let alias, alias.type == "identifier" { record.function = alias.text }
                    inner.dag = record
                    inner.group = nil
                case .group(let group, let record):
                    inner.dag = record
                    inner.group = group
                case .tasks(let refs, _):
                    if let dag = refs.first?.dag, refs.contains(where: { dag.graph.roles[$0.taskID] != nil }) {
                        setupTeardown.append((dag, refs.map(\.taskID), dag.graph.tasks.count))
                    }
                default:
                    break
                }
                if let alias { bind(alias, to: value, statement: statement, frame: frame, context: inner) }
            }
        }
        executeBodies(of: statement, frame: frame, context: &inner)
        for entry in setupTeardown { entry.dag.graph.closeSetupTeardownContext(entered: entry.tasks, createdFrom: entry.start) }
    }

    // MARK: Bindings

    private func assign(_ assignment: Node, statement: Node, frame: Frame, context: Context) {
        guard let left = assignment.child(byField: "left") else { return }
        guard let right = assignment.child(byField: "right") else { return }
        let firstNewDag = dags.count
        let value: AirflowValue = assignment.type == "augmented_assignment" ? .unknown
            : evaluate(right, frame: frame, context: context)
        // `self.dag = dag`, `registry[name] = dag`: kept where the caller can reach it.
        if context.inFunction, left.type == "attribute" || left.type == "subscript" {
            markLeaving(right, value: value, createdFrom: firstNewDag, frame: frame)
        }
        if left.type == "subscript", let object = left.child(byField: "value"), object.type == "call",
            object.child(byField: "function")?.text == "globals"
        {
            // globals()[name] = dag: a module global under a computed name.
            if case .dag(let record) = value, frame.isModule || !context.inFunction {
                record.inGlobalsDict = true
                if let key = left.child(byField: "subscript").flatMap({ evaluator(frame, context).string($0) }) {
                    record.function = key
                }
            } else if case .dag(let record) = value {
                record.inGlobalsDict = true
            }
            return
        }
        bind(left, to: value, statement: statement, frame: frame, context: context)
    }

    func bind(_ target: Node, to value: AirflowValue, statement: Node, frame: Frame, context: Context) {
        guard enterNesting(below: target) else { return }
        defer { leaveNesting() }
        switch target.type {
        case "identifier":
            let name = target.text
            let isGlobal = frame.isModule || frame.globalNames.contains(name)
            let destination = frame.globalNames.contains(name) ? module : frame
            if isGlobal {
                // The global now holds something else: the DAG it held loses that name.
                if case .dag(let previous)? = module.values[name] { previous.globalNames.remove(name) }
                if case .dag(let record) = value {
                    // The module-level name is what users see; a factory's local `as dag` is not.
                    if record.globalNames.isEmpty && !record.enteredAtModuleLevel { record.function = name }
                    record.globalNames.insert(name)
                    if record.declaration == .call { record.declaration = .assignment }
                    if !record.entered { record.anchor = statement }
                }
            } else if case .dag(let record) = value, record.globalNames.isEmpty, !record.enteredAtModuleLevel,
                let function = context.function
            {
                record.function = "\(function).<locals>.\(name)"
            }
            destination.values[name] = value
            generation.value += 1
        case "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list":
            let targets = target.significantChildren
            if case .literal(.array(let items)) = value, items.count == targets.count {
                for (item, node) in zip(items, targets) {
                    bind(node, to: .literal(item), statement: statement, frame: frame, context: context)
                }
            } else if case .tasks(let refs, _) = value, refs.count == targets.count {
                // `[a, b] = [Op(task_id=f"t_{i}") for i in range(1, 3)]`
                for (ref, node) in zip(refs, targets) {
                    bind(node, to: .tasks([ref], isList: false), statement: statement, frame: frame, context: context)
                }
            } else {
                for node in targets { bind(node, to: .unknown, statement: statement, frame: frame, context: context) }
            }
        case "as_pattern_target", "parenthesized_expression":
            if let inner = target.significantChildren.first { bind(inner, to: value, statement: statement, frame: frame, context: context) }
        default:
            break
        }
    }

    /// The evaluator for literal values at this point: frame bindings first,
    /// then module constants, then Airflow's `__file__` idioms.
    func evaluator(_ frame: Frame, _ context: Context) -> LiteralEvaluator {
        let stem = self.stem
        let path = file.path
        let scope = context.scope
        var evaluator = LiteralEvaluator(scope: scope, bindings: frame.literalBindings(generation: generation)) { node in
            FileIdioms.value(of: node, path: path, stem: stem) ?? Self.airflowConstant(node, scope: scope)
        }
        evaluator.depth = depth
        return evaluator
    }

    /// Members of Airflow's own string enums used as values: `TriggerRule.ALL_SUCCESS` is "all_success".
    static func airflowConstant(_ node: Node, scope: Scope) -> JSONValue? {
        guard node.type == "attribute", let object = node.child(byField: "object"),
            let member = node.child(byField: "attribute")?.text,
            let qualified = NameResolver.qualifiedName(of: object, in: scope, at: node.startByte),
            qualified.hasPrefix("airflow."), qualified.hasSuffix(".TriggerRule")
        else { return nil }
        return .string(member.lowercased())
    }

    /// Loops and repeated calls run the same code again: report each problem once.
    /// Marks the DAGs `expression` hands out of the running function (returned, yielded,
    /// stored in an attribute or a container): the DAG it evaluated to, every DAG built
    /// while evaluating it (`return [DAG("a"), DAG("b")]`), and DAGs its names hold.
    /// Such a DAG belongs to the caller, which may register it, so dropping it here is no error.
    func markLeaving(_ expression: Node, value: AirflowValue, createdFrom firstNewDag: Int, frame: Frame) {
        if case .dag(let record) = value { record.leavesFunction = true }
        for record in dags[firstNewDag...] { record.leavesFunction = true }
        // Names anywhere in the expression, with a stack of its own: no depth limit needed.
        var pending = [expression]
        while let node = pending.popLast() {
            if node.type == "identifier", case .dag(let record)? = frame.lookup(node.text) { record.leavesFunction = true }
            if node.type != "lambda" { pending += node.namedChildren }
        }
    }

    func report(_ diagnostic: Diagnostic) {
        if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    func markCalled(_ definition: Node) { calledFunctions.insert(definition.startByte) }

    func register(_ record: DagRecord) { dags.append(record) }

    func localClass(_ name: String) -> AirflowValue? { localClasses[name] }

    func enterCall() -> Bool {
        guard callDepth < 16 else { return false }
        callDepth += 1
        return true
    }

    func leaveCall() { callDepth -= 1 }

    /// Goes one level below `node`, or returns false at the nesting limit
    /// (the tree then records where, for ACS007): the caller leaves the node out.
    func enterNesting(below node: Node) -> Bool {
        guard let deeper = node.descend(from: depth) else { return false }
        depth = deeper
        return true
    }

    func leaveNesting() { depth = NestingDepth(level: depth.level - 1) }

    private func defineClass(_ statement: Node, context: Context) {
        guard let name = statement.child(byField: "name")?.text,
            let bases = statement.child(byField: "superclasses")?.significantChildren
        else { return }
        for base in bases {
            if let kind = dagClassKind(of: base, context: context, at: statement.startByte) {
                localClasses[name] = .dagClass(kind)
                module.values[name] = .dagClass(kind)
            } else if let qualified = NameResolver.qualifiedName(of: base, in: context.scope, at: statement.startByte),
                AirflowNames.operatorBases.contains(qualified) || AirflowNames.isOperator(qualified)
            {
                localClasses[name] = .operatorClass(name)
                module.values[name] = .operatorClass(name)
            }
        }
    }

    /// The DAG class an expression names: a known one (Airflow, cosmos, configured),
    /// a class defined earlier in this file, or one imported from the tree.
    func dagClassKind(of expression: Node, context: Context, at byte: Int) -> DagClassKind? {
        if expression.type == "identifier" {
            if case .dagClass(let kind)? = localClasses[expression.text] { return kind }
            if case .dagClass(let kind)? = importedValue(expression.text, context: context) { return kind }
        }
        return NameResolver.qualifiedName(of: expression, in: context.scope, at: byte).flatMap(dagClasses.kind(ofQualified:))
    }

    /// Functions that build DAGs but are never called at import: Airflow
    /// registers nothing from them. Run each once so it is reported.
    private func runUncalledFunctions() {
        let uncalled = module.values.values.compactMap { value -> AirflowValue? in
            switch value {
            case .dagFunction(let definition, _, _):
                return calledFunctions.contains(definition.startByte) ? nil : value
            case .function(let definition):
                // Only functions that build a DAG themselves are worth reporting.
                return calledFunctions.contains(definition.startByte) || !buildsDag(definition) ? nil : value
            default:
                return nil
            }
        }
        for value in uncalled.sorted(by: { Self.start(of: $0) < Self.start(of: $1) }) { runPhantom(value) }
    }

    /// A syntactic check: does the body call a DAG class directly? A loop over
    /// every node of the body, with its own list of nodes to visit: no depth limit needed.
    private func buildsDag(_ definition: Node) -> Bool {
        guard let body = definition.child(byField: "body") else { return false }
        let scope = file.moduleScope
        var pending = [body]
        while let node = pending.popLast() {
            if node.type == "call", let callee = node.child(byField: "function"),
                dagClassKind(of: callee, context: Context(scope: scope), at: definition.startByte) != nil
            {
                return true
            }
            pending += node.namedChildren
        }
        return false
    }

    private static func start(of value: AirflowValue) -> Int {
        switch value {
        case .dagFunction(let definition, _, _), .function(let definition): definition.startByte
        default: 0
        }
    }
}
