import PythonSyntax
import PythonTreeSitter

/// Reads a function's decorators in the file that defines it, to tell a
/// TaskFlow task (`@task`, `@task.x`, `@setup`, `@teardown`) from anything else.
enum TaskFlowDecorator {
    static func value(of definition: Node, in file: SourceFile) -> AirflowValue? {
        guard let decorated = definition.parent, decorated.type == "decorated_definition",
            let name = definition.child(byField: "name")?.text
        else { return nil }
        let scope = file.moduleScope
        for decorator in decorated.namedChildren where decorator.type == "decorator" {
            guard let expression = decorator.significantChildren.first else { continue }
            let isCall = expression.type == "call"
            guard let callee = isCall ? expression.child(byField: "function") : expression else { continue }
            let arguments = CallArguments(isCall ? expression.child(byField: "arguments") : nil)
            let label = arguments.keyword("task_id").flatMap { LiteralEvaluator(scope: scope).string($0) } ?? name
            let qualified = NameResolver.qualifiedName(of: callee, in: scope, at: decorated.startByte)
            if let qualified, AirflowNames.taskDecorators.contains(qualified) {
                return .taskFlow(TaskFlowFunction(definition: definition, decorator: "@task", label: label))
            }
            if let qualified, AirflowNames.setupTeardownDecorators.contains(qualified) {
                let kind = String(qualified.split(separator: ".").last ?? "setup")
                return .taskFlow(TaskFlowFunction(definition: definition, decorator: "@\(kind)", label: label))
            }
            if callee.type == "attribute", let base = callee.child(byField: "object"),
                let baseName = NameResolver.qualifiedName(of: base, in: scope, at: decorated.startByte),
                AirflowNames.taskDecorators.contains(baseName), let variant = callee.child(byField: "attribute")?.text
            {
                return .taskFlow(TaskFlowFunction(definition: definition, decorator: "@task.\(variant)", label: label))
            }
        }
        return nil
    }
}
