import PythonSyntax
import PythonTreeSitter

extension AirflowInterpreter {
    // MARK: Expressions

    func evaluate(_ node: Node, frame: Frame, context: Context) -> AirflowValue {
        guard enterNesting(below: node) else { return .unknown }
        defer { leaveNesting() }
        switch node.type {
        case "call":
            return evaluateCall(node, frame: frame, context: context)
        case "binary_operator":
            let op = node.child(byField: "operator")?.text
            guard let left = node.child(byField: "left"), let right = node.child(byField: "right") else { return .unknown }
            let lhs = evaluate(left, frame: frame, context: context)
            let rhs = evaluate(right, frame: frame, context: context)
            switch op {
            case ">>": return connect(lhs, rhs, at: node)
            case "<<":
                _ = connect(rhs, lhs, at: node)
                return rhs
            default:
                return literal(node, frame: frame, context: context)
            }
        case "identifier":
            if let value = frame.lookup(node.text) { return value }
            if let value = localClass(node.text) { return value }
            if let value = importedValue(node.text, context: context) { return value }
            return literal(node, frame: frame, context: context)
        case "attribute":
            guard let object = node.child(byField: "object"), let name = node.child(byField: "attribute")?.text else {
                return .unknown
            }
            let value = evaluate(object, frame: frame, context: context)
            if case .tasks(let refs, _) = value, name == "output" {
                return .tasks(refs.map { TaskRef(dag: $0.dag, taskID: $0.taskID, isXCom: true) }, isList: false)
            }
            if case .dag(let record) = value, name == "tasks" || name == "roots" || name == "leaves" {
                // `dag.tasks`: the tasks made so far, as Airflow would list them now.
                let ids = record.graph.tasks.map(\.taskID).filter { task in
                    switch name {
                    case "roots": record.graph.upstream(of: task).isEmpty
                    case "leaves": record.graph.downstream(of: task).isEmpty
                    default: true
                    }
                }
                return .tasks(ids.map { TaskRef(dag: record, taskID: $0, isXCom: false) }, isList: true)
            }
            return literal(node, frame: frame, context: context)
        case "list", "tuple", "set":
            let items = node.significantChildren.map { evaluate($0, frame: frame, context: context) }
            // `a >> [group_one(), group_two()]`: a group's roots or leaves depend on the side it stands on.
            if items.contains(where: { if case .group = $0 { true } else { false } }),
                items.allSatisfy({ switch $0 { case .group, .tasks: true; default: false } })
            {
                return .collection(items)
            }
            var refs: [TaskRef] = []
            var mixed = false
            for item in items {
                switch item {
                case .tasks(let more, _): refs += more
                case .group(let group, let record): refs += record.graph.leaves(of: group).map { TaskRef(dag: record, taskID: $0, isXCom: false) }
                case .literal(.null): continue  // `[task, maybe_none]`, filtered later with `if t is not None`
                default: mixed = true
                }
            }
            if items.isEmpty || refs.isEmpty { return literal(node, frame: frame, context: context) }
            // `[("name", op.output)]`: not a list of tasks, but its XComs still feed a task.
            return mixed ? .tasks(refs.filter(\.isXCom), isList: false) : .tasks(refs, isList: true)
        case "parenthesized_expression":
            return node.significantChildren.first.map { evaluate($0, frame: frame, context: context) } ?? .unknown
        case "dictionary":
            // {"k": result["x"]}: XComs inside a dict argument still link their tasks.
            let xcoms = node.significantChildren.compactMap { $0.child(byField: "value") }.flatMap { value -> [TaskRef] in
                guard case .tasks(let refs, _) = evaluate(value, frame: frame, context: context) else { return [] }
                return refs.filter(\.isXCom)
            }
            return xcoms.isEmpty ? literal(node, frame: frame, context: context) : .tasks(xcoms, isList: false)
        case "list_comprehension", "generator_expression", "set_comprehension":
            return comprehension(node, frame: frame, context: context)
        case "subscript":
            guard let object = node.child(byField: "value"),
                case .tasks(let refs, let isList) = evaluate(object, frame: frame, context: context)
            else { return literal(node, frame: frame, context: context) }
            // `tasks[0]` of a list of tasks.
            if isList, let index = node.child(byField: "subscript"),
                case .int(let position)? = evaluator(frame, context).evaluate(index)
            {
                let resolved = position < 0 ? refs.count + position : position
                return refs.indices.contains(resolved) ? .tasks([refs[resolved]], isList: false) : .unknown
            }
            // `result["key"]` of a TaskFlow result is still an XCom reference to that task.
            return refs.allSatisfy(\.isXCom) ? .tasks(refs, isList: false) : literal(node, frame: frame, context: context)
        case "await":
            return node.significantChildren.first.map { evaluate($0, frame: frame, context: context) } ?? .unknown
        default:
            return literal(node, frame: frame, context: context)
        }
    }

    /// What a name imported from another module of the tree holds: a `@task`,
    /// `@setup` or `@teardown` function, or (in files Airflow's safe mode
    /// parses) a DAG class such as `class TeamDAG(DAG)`.
    func importedValue(_ name: String, context: Context) -> AirflowValue? {
        guard case .imported(let qualified)? = context.scope.lookup(name), !AirflowNames.isLibrary(qualified),
            let modules = file.modules, let (other, binding) = modules.definition(of: qualified, importedBy: file.path)
        else { return nil }
        switch binding {
        case .function(let definition):
            return TaskFlowDecorator.value(of: definition, in: other)
        case .class(let definition) where followsImportedClasses:
            return dagClasses.kind(ofClass: definition, in: other).map(AirflowValue.dagClass)
        default:
            return nil
        }
    }

    func literal(_ node: Node, frame: Frame, context: Context) -> AirflowValue {
        evaluator(frame, context).evaluate(node, at: node.startByte).map(AirflowValue.literal) ?? .unknown
    }

    /// `[make(x) for x in LITERAL]`: runs the element once per known item.
    private func comprehension(_ node: Node, frame: Frame, context: Context) -> AirflowValue {
        guard let body = node.child(byField: "body"),
            let clause = node.significantChildren.first(where: { $0.type == "for_in_clause" }),
            let target = clause.child(byField: "left"), let iterable = clause.child(byField: "right")
        else { return .unknown }
        let inner = Frame(parent: frame, isModule: false)
        var results: [AirflowValue] = []
        if case .tasks(let items, _) = evaluate(iterable, frame: frame, context: context) {
            // `[t for t in [a, b, c] if t is not None]`: one pass per task.
            for item in items {
                bind(target, to: .tasks([item], isList: false), statement: node, frame: inner, context: context)
                results.append(evaluate(body, frame: inner, context: context))
            }
        } else if let elements = literalElements(iterable, frame: frame, context: context) {
            for element in elements.prefix(Self.loopLimit) {
                bind(target, to: .literal(element), statement: node, frame: inner, context: context)
                results.append(evaluate(body, frame: inner, context: context))
            }
        } else {
            var loop = context
            loop.dynamic = true
            bind(target, to: .unknown, statement: node, frame: inner, context: loop)
            results.append(evaluate(body, frame: inner, context: loop))
        }
        let refs = results.flatMap { value -> [TaskRef] in if case .tasks(let refs, _) = value { refs } else { [] } }
        return refs.isEmpty ? .unknown : .tasks(refs, isList: true)
    }

    // MARK: Dependencies

    /// The tasks a value contributes as an upstream (a group's leaves) or downstream (its roots).
    func refs(_ value: AirflowValue, upstream: Bool) -> [TaskRef] {
        switch value {
        case .tasks(let refs, _): return refs
        case .label(let refs): return upstream ? refs : []
        case .collection(let members): return members.flatMap { self.refs($0, upstream: upstream) }
        case .group(let group, let record):
            let ids = upstream ? record.graph.leaves(of: group) : record.graph.roots(of: group)
            return ids.map { TaskRef(dag: record, taskID: $0, isXCom: false) }
        default: return []
        }
    }

    /// `lhs >> rhs`: returns what Python returns, the right-hand side (or, for a
    /// Label, the label carrying the left-hand tasks).
    func connect(_ lhs: AirflowValue, _ rhs: AirflowValue, at node: Node) -> AirflowValue {
        if case .label = rhs { return .label(refs(lhs, upstream: true)) }
        let upstream = refs(lhs, upstream: true)
        let downstream = refs(rhs, upstream: false)
        if upstream.isEmpty || downstream.isEmpty {
            if case .unknown = lhs { unresolvedReference(node.child(byField: "left") ?? node) }
            if case .unknown = rhs { unresolvedReference(node.child(byField: "right") ?? node) }
        }
        for up in upstream {
            for down in downstream where up.dag === down.dag { up.dag.graph.connect(up.taskID, down.taskID) }
        }
        return rhs
    }

    func unresolvedReference(_ node: Node) {
        report(Diagnostic(.airflowUnresolvedReference,
            "'\(Self.snippet(node.text))' in a dependency cannot be resolved to a task statically; its edges are left out",
            file: file.path, line: node.line, column: node.column))
    }

    /// Source text on one line, shortened, for messages.
    static func snippet(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.hasPrefix("#") }.joined(separator: " ")
        return line.count > 60 ? String(line.prefix(57)) + "..." : line
    }

    /// chain(a, [b, c], d): pairs neighbours; two lists side by side pair element-wise.
    func chain(_ values: [AirflowValue], linear: Bool) {
        for (left, right) in zip(values, values.dropFirst()) {
            if !linear, case .tasks(let ups, true) = left, case .tasks(let downs, true) = right, ups.count == downs.count {
                for (up, down) in zip(ups, downs) where up.dag === down.dag { up.dag.graph.connect(up.taskID, down.taskID) }
            } else {
                for up in refs(left, upstream: true) {
                    for down in refs(right, upstream: false) where up.dag === down.dag { up.dag.graph.connect(up.taskID, down.taskID) }
                }
            }
        }
    }
}
