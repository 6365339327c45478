import PythonSyntax
import PythonTreeSitter

extension AirflowInterpreter {
    // MARK: Operators

    func makeOperatorTask(_ call: Node, kind: String, arguments: CallArguments, frame: Frame, context: Context) -> AirflowValue {
        let (label, expression) = taskLabel(arguments, frame: frame, context: context)
        let dag = dagArgument(arguments, frame: frame, context: context) ?? context.dag
        var group = context.group
        if let groupArgument = arguments.keyword("task_group"),
            case .group(let node, _) = evaluate(groupArgument, frame: frame, context: context)
        {
            group = node
        }
        return addOperatorTask(kind: kind, label: label, labelExpression: expression, dag: dag, group: group, call: call,
            arguments: arguments, frame: frame, context: context)
    }

    func partialOperator(kind: String, call: Node, arguments: CallArguments, frame: Frame, context: Context) -> AirflowValue {
        let (label, expression) = taskLabel(arguments, frame: frame, context: context)
        let dag = dagArgument(arguments, frame: frame, context: context) ?? context.dag
        return .partialOperator(kind: kind, label: label, dag: dag, labelExpression: expression)
    }

    private func taskLabel(_ arguments: CallArguments, frame: Frame, context: Context) -> (String?, String) {
        guard let node = arguments.keyword("task_id") else { return (nil, "<no task_id>") }
        return (evaluator(frame, context).string(node), node.text)
    }

    /// Adds an operator's task to its DAG; XCom values among its arguments become upstreams.
    func addOperatorTask(kind: String, label: String?, labelExpression: String, dag: DagRecord?, group: TaskGroupNode?,
        call: Node, arguments: CallArguments, frame: Frame, context: Context) -> AirflowValue
    {
        let inputs = (arguments.positional + arguments.keywords.filter { !["dag", "task_group", "task_id"].contains($0.name) }.map(\.value))
            .map { evaluate($0, frame: frame, context: context) }
        guard let dag else { return .unknown }
        guard let label else {
            report(Diagnostic(.airflowUnresolvedReference,
                "task_id '\(labelExpression)' of \(kind) cannot be resolved statically; the task is left out",
                file: file.path, line: call.line, column: call.column))
            return .unknown
        }
        let taskID = dag.graph.addTask(group?.childID(label) ?? label, kind: kind, line: call.line, group: group)
        let ref = TaskRef(dag: dag, taskID: taskID, isXCom: false)
        linkXComInputs(inputs, to: ref)
        return .tasks([ref], isList: false)
    }

    // MARK: TaskFlow

    func makeTaskFlowTask(_ function: TaskFlowFunction, call: Node, arguments: CallArguments, frame: Frame,
        context: Context) -> AirflowValue
    {
        // Arguments run first, as in Python: nested TaskFlow calls make their tasks before this one.
        let inputs = function.overrideInputs
            + (arguments.positional + arguments.keywords.map(\.value)).map { evaluate($0, frame: frame, context: context) }
        guard let dag = context.dag else { return .unknown }
        let label = dag.graph.uniqueTaskFlowLabel(function.label, group: context.group)
        let taskID = dag.graph.addTask(context.group?.childID(label) ?? label, kind: function.decorator, line: call.line,
            group: context.group)
        if function.decorator == "@setup" { dag.graph.roles[taskID] = .setup }
        if function.decorator == "@teardown" { dag.graph.roles[taskID] = .teardown }
        let ref = TaskRef(dag: dag, taskID: taskID, isXCom: true)
        linkXComInputs(inputs, to: ref)
        return .tasks([ref], isList: false)
    }

    /// Passing a TaskFlow result or `.output` to a task makes it an upstream.
    private func linkXComInputs(_ inputs: [AirflowValue], to task: TaskRef) {
        for input in inputs {
            guard case .tasks(let refs, _) = input else { continue }
            for ref in refs where ref.isXCom && ref.dag === task.dag { task.dag.graph.connect(ref.taskID, task.taskID) }
        }
    }

    // MARK: Task groups

    func makeTaskGroup(_ arguments: CallArguments, frame: Frame, context: Context) -> AirflowValue {
        guard let dag = context.dag ?? dagArgument(arguments, frame: frame, context: context) else { return .unknown }
        let evaluator = evaluator(frame, context)
        let label = (arguments.keyword("group_id") ?? arguments.positional.first).flatMap { evaluator.string($0) } ?? "group"
        let prefix = arguments.keyword("prefix_group_id").flatMap { evaluator.evaluate($0) } != .bool(false)
        let group = TaskGroupNode(label: label, prefixGroupID: prefix, parent: context.group)
        dag.graph.addGroup(group)
        return .group(group, dag)
    }

    /// cosmos' `DbtTaskGroup(group_id=..., ...)`: a group whose tasks cosmos builds from a
    /// dbt project at import. One node stands for them, so `a >> group >> b` still records
    /// what feeds the group's roots and what its leaves feed.
    func makeDbtTaskGroup(_ call: Node, arguments: CallArguments, frame: Frame, context: Context) -> AirflowValue {
        guard let dag = context.dag ?? dagArgument(arguments, frame: frame, context: context) else { return .unknown }
        let evaluator = evaluator(frame, context)
        // cosmos' own default group_id.
        let label = (arguments.keyword("group_id") ?? arguments.positional.first).map { evaluator.string($0) ?? $0.text }
            ?? "dbt_task_group"
        let prefix = arguments.keyword("prefix_group_id").flatMap { evaluator.evaluate($0) } != .bool(false)
        let group = TaskGroupNode(label: label, prefixGroupID: prefix, parent: context.group)
        dag.graph.addGroup(group)
        dag.graph.addUnlistedTasks(UnlistedTasks(builder: "cosmos.DbtTaskGroup", group: group, line: call.line))
        return .group(group, dag)
    }

    /// The DAG given as `dag=`, if it is one.
    private func dagArgument(_ arguments: CallArguments, frame: Frame, context: Context) -> DagRecord? {
        guard let node = arguments.keyword("dag"), case .dag(let record) = evaluate(node, frame: frame, context: context) else {
            return nil
        }
        return record
    }

    /// Calling a `@task_group` function: its body runs inside a new group.
    /// Returns what the function returns, else the group.
    func callTaskGroup(_ definition: Node, decoratorArguments: CallArguments, call: Node, arguments: CallArguments,
        frame: Frame, context: Context) -> AirflowValue
    {
        guard let dag = context.dag else { return .unknown }
        let evaluator = evaluator(frame, context)
        let label = (decoratorArguments.keyword("group_id") ?? decoratorArguments.positional.first)
            .flatMap { evaluator.string($0) } ?? definition.child(byField: "name")?.text ?? "group"
        let prefix = decoratorArguments.keyword("prefix_group_id").flatMap { evaluator.evaluate($0) } != .bool(false)
        let group = TaskGroupNode(label: dag.graph.uniqueGroupLabel(label, parent: context.group), prefixGroupID: prefix,
            parent: context.group)
        dag.graph.addGroup(group)
        var inner = context
        inner.group = group
        let result = runBody(definition, arguments: arguments, frame: frame, context: inner)
        if let result, case .tasks = result { return result }
        return .group(group, dag)
    }
}
