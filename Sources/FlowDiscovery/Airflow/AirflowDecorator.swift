import PythonSyntax
import PythonTreeSitter

/// What a decorator makes of a function, read through the file's imports:
/// one place for `define()` (this file's functions) and for `@task`
/// functions imported from other modules.
enum AirflowDecorator {
    case dag(CallArguments)
    case taskGroup(CallArguments)
    /// `@task`, `@task.bash`, `@setup`, `@teardown`: the decorator's name and task_id label.
    case task(decorator: String, label: String)
    case asset(CallArguments)
    /// `@dag.task` (needs the interpreter, which knows `dag` is a DAG object).
    case objectTask(object: Node, arguments: CallArguments)
    case other

    static func classify(_ decorator: Node, function name: String, scope: Scope, at byte: Int,
        evaluator: LiteralEvaluator) -> AirflowDecorator
    {
        guard let expression = Decorator.expression(of: decorator) else { return .other }
        let isCall = expression.type == "call"
        guard let callee = isCall ? expression.child(byField: "function") : expression else { return .other }
        let arguments = CallArguments(isCall ? expression.child(byField: "arguments") : nil)
        let label = arguments.keyword("task_id").flatMap { evaluator.string($0) } ?? name
        let qualified = NameResolver.qualifiedName(of: callee, in: scope, at: byte)
        let base = callee.type == "attribute" ? callee.child(byField: "object") : nil
        let baseQualified = base.flatMap { NameResolver.qualifiedName(of: $0, in: scope, at: byte) }
        let attribute = callee.type == "attribute" ? callee.child(byField: "attribute")?.text : nil

        if let qualified {
            if AirflowNames.dagDecorators.contains(qualified) { return .dag(arguments) }
            if AirflowNames.taskGroupDecorators.contains(qualified) { return .taskGroup(arguments) }
            if AirflowNames.taskDecorators.contains(qualified) { return .task(decorator: "@task", label: label) }
            if AirflowNames.setupTeardownDecorators.contains(qualified) {
                return .task(decorator: "@" + (qualified.split(separator: ".").last.map(String.init) ?? "setup"), label: label)
            }
            if AirflowNames.assetDecorators.contains(qualified) { return .asset(arguments) }
        }
        if let baseQualified, let attribute {
            // `@task.bash`, `@task.virtualenv(...)`, `@asset.multi(...)`
            if AirflowNames.taskDecorators.contains(baseQualified) { return .task(decorator: "@task.\(attribute)", label: label) }
            if AirflowNames.assetDecorators.contains(baseQualified) { return .asset(arguments) }
        }
        if let base, attribute == "task", baseQualified == nil { return .objectTask(object: base, arguments: arguments) }
        return .other
    }
}

enum TaskFlowDecorator {
    /// A `@task`-family function defined in another module of the tree.
    static func value(of definition: Node, in file: SourceFile) -> AirflowValue? {
        guard let decorated = definition.parent, decorated.type == "decorated_definition",
            let name = definition.child(byField: "name")?.text
        else { return nil }
        let evaluator = LiteralEvaluator(scope: file.moduleScope)
        for decorator in decorated.namedChildren where decorator.type == "decorator" {
            if case .task(let kind, let label) = AirflowDecorator.classify(decorator, function: name, scope: file.moduleScope,
                at: decorated.startByte, evaluator: evaluator)
            {
                return .taskFlow(TaskFlowFunction(definition: definition, decorator: kind, label: label))
            }
        }
        return nil
    }
}
