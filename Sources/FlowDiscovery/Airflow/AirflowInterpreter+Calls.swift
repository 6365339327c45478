import PythonSyntax
import PythonTreeSitter

extension AirflowInterpreter {
    // MARK: Calls

    func evaluateCall(_ call: Node, frame: Frame, context: Context) -> AirflowValue {
        guard let callee = call.child(byField: "function") else { return .unknown }
        let arguments = CallArguments(call.child(byField: "arguments"))

        if callee.type == "attribute", let method = callee.child(byField: "attribute")?.text,
            let object = callee.child(byField: "object"),
            let result = methodCall(method, on: object, call: call, arguments: arguments, frame: frame, context: context)
        {
            return result
        }
        // `f(...)`, and calls of what a call returned: `branch.override(task_id="b")(...)`.
        let value: AirflowValue? = switch callee.type {
        case "identifier": frame.lookup(callee.text) ?? localClass(callee.text) ?? importedValue(callee.text, context: context)
        case "call": evaluate(callee, frame: frame, context: context)
        default: nil
        }
        switch value {
        case .taskFlow(let function)?:
            return makeTaskFlowTask(function, call: call, arguments: arguments, frame: frame, context: context)
        case .taskGroupFunction(let definition, let decoratorArguments)?:
            return callTaskGroup(definition, decoratorArguments: decoratorArguments, call: call, arguments: arguments,
                frame: frame, context: context)
        case .dagFunction(let definition, let decoratorArguments, let decorator)?:
            markCalled(definition)
            return callDagFunction(definition, decoratorArguments: decoratorArguments, decorator: decorator,
                call: call, arguments: arguments, frame: frame, context: context)
        case .function(let definition)?:
            markCalled(definition)
            return callFunction(definition, arguments: arguments, frame: frame, context: context)
        case .dagClass(let kind)?:
            return makeDag(call, kind: kind, arguments: arguments, frame: frame, context: context)
        case .operatorClass(let name)?:
            return makeOperatorTask(call, kind: name, arguments: arguments, frame: frame, context: context)
        default:
            break
        }
        let qualified = NameResolver.qualifiedName(of: callee, in: context.scope, at: call.startByte)
        if let qualified {
            if qualified == "typing.cast", arguments.positional.count == 2 {
                return evaluate(arguments.positional[1], frame: frame, context: context)
            }
            if let kind = dagClasses.kind(ofQualified: qualified) {
                return makeDag(call, kind: kind, arguments: arguments, frame: frame, context: context)
            }
            if AirflowNames.taskGroupClasses.contains(qualified) {
                return makeTaskGroup(arguments, frame: frame, context: context)
            }
            if AirflowNames.cosmosTaskGroupClasses.contains(qualified) {
                return makeDbtTaskGroup(call, arguments: arguments, frame: frame, context: context)
            }
            if AirflowNames.labelClasses.contains(qualified) { return .label([]) }
            if AirflowNames.xcomArgClasses.contains(qualified), let first = arguments.positional.first,
                case .tasks(let refs, _) = evaluate(first, frame: frame, context: context)
            {
                return .tasks(refs.map { TaskRef(dag: $0.dag, taskID: $0.taskID, isXCom: true) }, isList: false)
            }
            if AirflowNames.chainHelpers.contains(qualified) {
                let values = arguments.ordered.flatMap { argument -> [AirflowValue] in
                    // chain(*tasks): each element of the list is an argument of its own.
                    guard argument.type == "list_splat", let inner = argument.significantChildren.first else {
                        return [evaluate(argument, frame: frame, context: context)]
                    }
                    guard case .tasks(let refs, _) = evaluate(inner, frame: frame, context: context) else { return [] }
                    return refs.map { AirflowValue.tasks([$0], isList: false) }
                }
                switch qualified.split(separator: ".").last {
                case "cross_downstream":
                    if values.count == 2 { chain(values, linear: true) }
                case "chain_linear":
                    chain(values, linear: true)
                default:
                    chain(values, linear: false)
                }
                return .unknown
            }
            if AirflowNames.isOperator(qualified) {
                let kind = String(qualified.split(separator: ".").last ?? "")
                return makeOperatorTask(call, kind: kind, arguments: arguments, frame: frame, context: context)
            }
        }
        if callee.type == "identifier", callee.text == "list", frame.lookup("list") == nil,
            file.moduleScope.lookup("list") == nil, let first = arguments.positional.first
        {
            return evaluate(first, frame: frame, context: context)
        }
        // An unknown call still runs its arguments: a TaskFlow call inside makes a task.
        let firstNewDag = dags.count
        let stores = context.inFunction && callee.type == "attribute"
            && Self.containerMethods.contains(callee.child(byField: "attribute")?.text ?? "")
        for argument in arguments.positional + arguments.keywords.map(\.value) {
            let value = evaluate(argument, frame: frame, context: context)
            // `dags.append(dag)`: the DAG is kept in a container, which the caller may well get.
            if stores { markLeaving(argument, value: value, createdFrom: firstNewDag, frame: frame) }
        }
        return literal(call, frame: frame, context: context)
    }

    /// Methods that keep their arguments in the object they are called on.
    static let containerMethods: Set<String> = ["append", "appendleft", "extend", "add", "insert", "update", "setdefault", "put", "register"]

    /// `.override()`, `.partial()`, `.expand()`, `set_upstream()`, `as_teardown()`, ...; nil for other methods.
    private func methodCall(_ method: String, on object: Node, call: Node, arguments: CallArguments, frame: Frame,
        context: Context) -> AirflowValue?
    {
        switch method {
        case "set_downstream", "set_upstream":
            let subject = evaluate(object, frame: frame, context: context)
            guard let first = arguments.positional.first else { return .unknown }
            let other = evaluate(first, frame: frame, context: context)
            _ = method == "set_downstream" ? connect(subject, other, at: call) : connect(other, subject, at: call)
            return .literal(.null)
        case "override", "partial", "expand", "expand_kwargs":
            let subject = evaluate(object, frame: frame, context: context)
            switch subject {
            case .taskGroupFunction(let definition, let decoratorArguments):
                // A mapped task group: one group, its tasks once each.
                guard method == "expand" || method == "expand_kwargs" else { return subject }
                return callTaskGroup(definition, decoratorArguments: decoratorArguments, call: call,
                    arguments: CallArguments(nil), frame: frame, context: context)
            case .taskFlow(let function):
                if method == "override" || method == "partial" {
                    let label = arguments.keyword("task_id").flatMap { evaluator(frame, context).string($0) }
                    let inputs = arguments.keywords.filter { $0.name != "task_id" }
                        .map { evaluate($0.value, frame: frame, context: context) }
                    return .taskFlow(TaskFlowFunction(definition: function.definition, decorator: function.decorator,
                        label: method == "override" ? (label ?? function.label) : function.label,
                        overrideInputs: function.overrideInputs + inputs))
                }
                return makeTaskFlowTask(function, call: call, arguments: arguments, frame: frame, context: context)
            case .partialOperator(let kind, let label, let dag, let expression):
                guard method == "expand" || method == "expand_kwargs" else { return subject }
                return addOperatorTask(kind: kind, label: label, labelExpression: expression, dag: dag, group: context.group,
                    call: call, arguments: arguments, frame: frame, context: context)
            case .operatorClass(let name) where method == "partial":
                return partialOperator(kind: name, call: call, arguments: arguments, frame: frame, context: context)
            default:
                if method == "partial", let qualified = NameResolver.qualifiedName(of: object, in: context.scope, at: call.startByte),
                    AirflowNames.isOperator(qualified)
                {
                    return partialOperator(kind: String(qualified.split(separator: ".").last ?? ""), call: call,
                        arguments: arguments, frame: frame, context: context)
                }
                return nil
            }
        case "as_setup":
            let subject = evaluate(object, frame: frame, context: context)
            for ref in refs(subject, upstream: true) { ref.dag.graph.roles[ref.taskID] = .setup }
            return subject
        case "as_teardown":
            let subject = evaluate(object, frame: frame, context: context)
            for ref in refs(subject, upstream: true) { ref.dag.graph.roles[ref.taskID] = .teardown }
            if let setups = arguments.keyword("setups") {
                _ = connect(evaluate(setups, frame: frame, context: context), subject, at: call)
            }
            return subject
        default:
            return nil
        }
    }

    // MARK: DAGs

    func makeDag(_ call: Node, kind: DagClassKind, arguments: CallArguments, frame: Frame, context: Context) -> AirflowValue {
        let evaluator = evaluator(frame, context)
        // DbtDag hands its positional arguments to DAG and to cosmos' converter alike,
        // so only `dag_id=` names it (a positional one makes the import fail, below).
        let idNode = arguments.keyword("dag_id") ?? (kind == .dbtDag ? nil : arguments.positional.first)
        let record = newDag(call: call, idNode: idNode, declaration: .call, arguments: arguments, fallbackName: nil,
            evaluator: evaluator, frame: frame, context: context)
        if case .bool(false)? = arguments.keyword("auto_register").flatMap({ evaluator.evaluate($0) }) {
            record.autoRegister = false
        }
        if kind == .dbtDag {
            record.graph.addUnlistedTasks(UnlistedTasks(builder: "cosmos.DbtDag", group: nil, line: call.line))
            if let first = arguments.positional.first, !context.phantom {
                record.importError = Diagnostic(.airflowUnregisteredDag,
                    "DbtDag() passes positional arguments to cosmos' converter too, so '\(Self.snippet(first.text))' lands in project_config: importing the file raises TypeError and Airflow registers no DAG from it; pass dag_id=",
                    file: file.path, line: first.line, column: first.column)
            }
        }
        return .dag(record)
    }

    /// A DAG record for `DAG(...)`, `@dag(...)` or `@asset(...)`, with its dag_id
    /// resolved (or kept as source text with a diagnostic).
    func newDag(call: Node, idNode: Node?, declaration: DagRecord.Declaration, arguments: CallArguments,
        fallbackName: String?, evaluator: LiteralEvaluator, frame: Frame, context: Context) -> DagRecord
    {
        var dagID = fallbackName
        var expression: String?
        if let idNode {
            dagID = evaluator.string(idNode)
            if dagID == nil { expression = idNode.text }
        }
        let parsed = DagArguments(arguments, evaluator: evaluator, scope: context.scope, at: call.startByte)
        let record = DagRecord(call: call, anchor: call, declaration: declaration, dagID: dagID, dagIDExpression: expression,
            function: dagID ?? expression ?? "dag", dynamic: context.dynamic && dagID == nil, arguments: parsed,
            phantom: context.phantom)
        record.inTestFunction = context.function.map(TestCode.namesTestFunction) ?? false
        if let expression, let idNode {
            if context.dynamic {
                report(Diagnostic(.airflowDynamicDag,
                    "dag_id '\(expression)' is built in a loop over values not known statically; one entry stands for every DAG it makes",
                    file: file.path, line: idNode.line, column: idNode.column))
            } else if !context.phantom {
                report(Diagnostic(.airflowUnresolvedDagID,
                    "dag_id '\(expression)' cannot be resolved statically", file: file.path, line: idNode.line,
                    column: idNode.column))
            }
        }
        register(record)
        return record
    }

    func callDagFunction(_ definition: Node, decoratorArguments: CallArguments, decorator: Node, call: Node?,
        arguments: CallArguments, frame: Frame, context: Context) -> AirflowValue
    {
        let name = definition.child(byField: "name")?.text ?? "dag"
        let evaluator = evaluator(frame, context)
        let idNode = decoratorArguments.keyword("dag_id") ?? decoratorArguments.positional.first
        let record = newDag(call: decorator, idNode: idNode, declaration: .decorator, arguments: decoratorArguments,
            fallbackName: name, evaluator: evaluator, frame: frame, context: context)
        record.anchor = decorator.parent ?? decorator
        record.function = name
        record.calledDecorator = call != nil
        if record.arguments.docMarkdown == nil,
            let doc = Docstring.raw(ofBody: definition.child(byField: "body")).map(Docstring.clean)
        {
            record.arguments.metadata["doc_md"] = .string(doc)
            if record.description == nil { record.description = doc }
        }
        record.parameters = ParameterSchema.build(function: definition, scope: context.scope, descriptions: [:]).parameters
        var inner = context
        inner.dag = record
        inner.group = nil
        inner.phantom = context.phantom || call == nil
        _ = runBody(definition, arguments: arguments, frame: frame, context: inner)
        return .dag(record)
    }

    /// Runs a plain function (a DAG factory, a helper making tasks) with the call's arguments.
    func callFunction(_ definition: Node, arguments: CallArguments, frame: Frame, context: Context) -> AirflowValue {
        runBody(definition, arguments: arguments, frame: frame, context: context) ?? .literal(.null)
    }

    /// Binds parameters (literal or known values from the call, else defaults) and runs the body.
    @discardableResult
    func runBody(_ definition: Node, arguments: CallArguments, frame: Frame, context: Context) -> AirflowValue? {
        guard let body = definition.child(byField: "body"), enterCall() else { return nil }
        defer { leaveCall() }
        let local = Frame(parent: module, isModule: false)
        let parameters = FunctionSignature.parameters(of: definition)
        var positional = arguments.positional.makeIterator()
        for parameter in parameters {
            var value: AirflowValue = .unknown
            if parameter.kind != .keywordOnly, parameter.kind != .varPositional, parameter.kind != .varKeyword,
                let argument = positional.next()
            {
                value = evaluate(argument, frame: frame, context: context)
            } else if let argument = arguments.keyword(parameter.name) {
                value = evaluate(argument, frame: frame, context: context)
            } else if let defaultValue = parameter.defaultValue {
                value = evaluate(defaultValue, frame: module, context: context)
            }
            local.values[parameter.name] = value
        }
        generation.value += 1
        var inner = context
        inner.inFunction = true
        let name = definition.child(byField: "name")?.text ?? "function"
        inner.function = context.function.map { "\($0).<locals>.\(name)" } ?? name
        inner.scope = context.scope.kind == .module ? context.scope.child(for: definition) : context.scope
        execute(body.namedChildren, frame: local, context: &inner)
        return local.returnValue
    }

    func runPhantom(_ value: AirflowValue) {
        var context = Context(scope: file.moduleScope)
        context.phantom = true
        switch value {
        case .dagFunction(let definition, let decoratorArguments, let decorator):
            let before = dags.count
            _ = callDagFunction(definition, decoratorArguments: decoratorArguments, decorator: decorator, call: nil,
                arguments: CallArguments(nil), frame: module, context: context)
            for record in dags[before...] where record.declaration == .decorator && record.call.startByte == decorator.startByte {
                report(Diagnostic(.airflowUncalledDagFunction,
                    "@dag function '\(record.function)' is never called, so Airflow registers no DAG '\(record.dagID ?? record.function)'; call it at module level",
                    file: file.path, line: decorator.line, column: decorator.column))
            }
        case .function(let definition):
            runBody(definition, arguments: CallArguments(nil), frame: module, context: context)
        default:
            break
        }
    }

    // MARK: Definitions

    func define(_ statement: Node, frame: Frame, context: Context) {
        let definition = statement.type == "decorated_definition" ? statement.child(byField: "definition") : statement
        guard let definition, definition.type == "function_definition",
            let name = definition.child(byField: "name")?.text
        else {
            if let definition, definition.type == "class_definition" { defineClassStatement(definition, context: context) }
            return
        }
        var value: AirflowValue = .function(definition)
        let evaluator = evaluator(frame, context)
        for decorator in statement.namedChildren where decorator.type == "decorator" {
            switch AirflowDecorator.classify(decorator, function: name, scope: context.scope, at: statement.startByte,
                evaluator: evaluator)
            {
            case .dag(let arguments):
                value = .dagFunction(definition, arguments, decorator: decorator)
            case .taskGroup(let arguments):
                value = .taskGroupFunction(definition, arguments)
            case .task(let kind, let label):
                value = .taskFlow(TaskFlowFunction(definition: definition, decorator: kind, label: label))
            case .asset(let arguments):
                makeAsset(definition, decorator: decorator, arguments: arguments, frame: frame, context: context)
                value = .unknown
            case .objectTask(let object, let arguments):
                // `@dag.task` on a DAG object: a TaskFlow task bound to that DAG.
                if case .dag = evaluate(object, frame: frame, context: context) {
                    let label = arguments.keyword("task_id").flatMap { evaluator.string($0) } ?? name
                    value = .taskFlow(TaskFlowFunction(definition: definition, decorator: "@dag.task", label: label))
                }
            case .other:
                break
            }
        }
        bind(definition.child(byField: "name")!, to: value, statement: statement, frame: frame, context: context)
    }

    private func defineClassStatement(_ definition: Node, context: Context) {
        var inner = context
        execute([definition], frame: module, context: &inner)
    }

    /// `@asset(...)` (Airflow 3): a DAG named after the function with one task of the same name.
    private func makeAsset(_ definition: Node, decorator: Node, arguments: CallArguments, frame: Frame, context: Context) {
        let name = definition.child(byField: "name")?.text ?? "asset"
        let record = newDag(call: decorator, idNode: nil, declaration: .asset, arguments: arguments, fallbackName: name,
            evaluator: evaluator(frame, context), frame: frame, context: context)
        record.anchor = decorator.parent ?? decorator
        record.function = name
        record.isAsset = !context.inFunction
        _ = record.graph.addTask(name, kind: "@asset", line: definition.line, group: nil)
    }
}

/// The dag_id idioms built from the file's own name, which Airflow evaluates
/// at import: `os.path.basename(__file__).replace(".py", "")`, `Path(__file__).stem`, ...
enum FileIdioms {
    static func value(of node: Node, path: String, stem: String) -> JSONValue? {
        // Called for every expression the evaluator cannot read: bail out cheaply.
        guard ["identifier", "call", "attribute", "subscript"].contains(node.type),
            containsDunder(node)
        else { return nil }
        let raw = node.text
        let text = raw.filter { !$0.isWhitespace }.replacingOccurrences(of: "'", with: "\"")
        switch text {
        case "__file__": return .string(path)
        case "__name__": return .string("unusual_prefix_\(stem)")
        case "os.path.basename(__file__)", "Path(__file__).name", "pathlib.Path(__file__).name": return .string(stem + ".py")
        case "os.path.basename(__file__).replace(\".py\",\"\")", "Path(__file__).stem", "pathlib.Path(__file__).stem",
            "os.path.splitext(os.path.basename(__file__))[0]", "Path(__file__).with_suffix(\"\").name",
            "os.path.basename(__file__).split(\".\")[0]", "os.path.basename(__file__)[:-3]":
            return .string(stem)
        default:
            return nil
        }
    }

    /// Whether the node's bytes hold `__file__` or `__name__`, without building a String.
    private static func containsDunder(_ node: Node) -> Bool {
        let bytes = node.tree.source.bytes
        let range = node.byteRange
        guard range.count >= 8 else { return false }
        let underscore = UInt8(ascii: "_")
        for start in range.lowerBound...(range.upperBound - 8) where bytes[start] == underscore && bytes[start + 1] == underscore {
            let word = bytes[(start + 2)..<(start + 8)]
            if word.elementsEqual("file__".utf8) || word.elementsEqual("name__".utf8) { return true }
        }
        return false
    }
}
