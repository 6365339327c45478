import PythonSyntax
import PythonTreeSitter

/// One DAG as the interpreter builds it: where it was declared, what it is
/// called, whether Airflow would register it, and its tasks.
final class DagRecord {
    enum Declaration: String { case with, assignment, decorator, asset, call }

    let call: Node
    var anchor: Node
    var declaration: Declaration
    var dagID: String?
    var dagIDExpression: String?
    /// The Python name that holds it (variable, @dag function), else its dag_id.
    var function: String
    var description: String?
    var dynamic: Bool
    var arguments: DagArguments
    var parameters: [FlowParameter] = []
    let graph = TaskGraph()
    /// Airflow 3 passes `auto_register=True` by default: entering it registers it.
    var autoRegister = true

    // Why Airflow would keep it; registered when any holds at the end of the module.
    var entered = false
    /// Entered by a `with` at module level, so its `as` name is already a global.
    var enteredAtModuleLevel = false
    var globalNames: Set<String> = []
    var inGlobalsDict = false
    var calledDecorator = false
    var isAsset = false
    /// Built by code Airflow never runs at import (an uncalled function).
    var phantom = false
    /// Handed out of the function that built it (returned, yielded, stored in a global, an
    /// attribute or a container): the caller decides whether Airflow registers it.
    var leavesFunction = false
    /// Built inside a test function (`test_*`): a test's throwaway DAG, not a DAG file's.
    var inTestFunction = false
    /// Building it raises at import (cosmos' DbtDag with positional arguments): the file registers nothing.
    var importError: Diagnostic?

    init(call: Node, anchor: Node, declaration: Declaration, dagID: String?, dagIDExpression: String?, function: String,
        dynamic: Bool, arguments: DagArguments, phantom: Bool)
    {
        self.call = call
        self.anchor = anchor
        self.declaration = declaration
        self.dagID = dagID
        self.dagIDExpression = dagIDExpression
        self.function = function
        self.dynamic = dynamic
        self.arguments = arguments
        self.description = arguments.description ?? arguments.docMarkdown
        self.phantom = phantom
    }

    /// A DAG of an uncalled function that the function returns or stores where its caller
    /// can reach it (a SubDAG factory): whether Airflow registers it is the caller's business.
    var handedToCaller: Bool { leavesFunction || !globalNames.isEmpty || inGlobalsDict }

    var registered: Bool {
        !phantom && ((entered && autoRegister) || !globalNames.isEmpty || inGlobalsDict || calledDecorator || isAsset)
    }

    func flow(file: String) -> Flow {
        var metadata = arguments.metadata
        metadata["registered"] = .bool(registered)
        metadata["declaration"] = .string(declaration.rawValue)
        let (tasks, edges, unlisted) = graph.json
        metadata["tasks"] = tasks
        metadata["edges"] = edges
        // Only DAGs with tasks nobody can list carry the marker: `tasks` then holds the known ones.
        if !graph.tasksKnown {
            metadata["tasks_known"] = false
            metadata["unlisted_tasks"] = unlisted
        }
        return Flow(kind: .airflow, name: dagID, nameExpression: dagID == nil ? (dagIDExpression ?? function) : nil,
            file: file, line: anchor.line, column: anchor.column, endLine: anchor.endLine, function: function,
            description: description, dynamic: dynamic, parameters: parameters,
            parameterSchema: ["title": "Parameters", "type": "object", "properties": [:], "definitions": [:]],
            metadata: ["airflow": .object(metadata)])
    }
}

/// A reference to a task of a DAG. `isXCom` marks a TaskFlow result or
/// `.output`: passing it to another task creates a dependency.
struct TaskRef {
    let dag: DagRecord
    let taskID: String
    var isXCom: Bool
}

/// A `@task`-decorated function, possibly renamed by `.override(task_id=...)`.
struct TaskFlowFunction {
    let definition: Node
    let decorator: String
    let label: String
    /// Values given to `.override(...)`: XComs among them become upstreams of the task.
    var overrideInputs: [AirflowValue] = []
}

/// What a name or expression holds while the interpreter runs the module.
indirect enum AirflowValue {
    case dag(DagRecord)
    /// One task, or the tasks of a list literal (`isList`), for `>>` and `chain`.
    case tasks([TaskRef], isList: Bool)
    case group(TaskGroupNode, DagRecord)
    /// A list holding task groups (and tasks): each member keeps its own roots and leaves.
    case collection([AirflowValue])
    /// `Label("x")` after `a >>`: the tasks waiting for the label's right side.
    case label([TaskRef])
    case taskFlow(TaskFlowFunction)
    /// `Operator.partial(...)`: the task is made by `.expand(...)`.
    case partialOperator(kind: String, label: String?, dag: DagRecord?, labelExpression: String)
    case taskGroupFunction(Node, CallArguments)
    case dagFunction(Node, CallArguments, decorator: Node)
    case function(Node)
    case dagClass(DagClassKind)
    case operatorClass(String)
    case literal(JSONValue)
    case unknown

    var literalValue: JSONValue? {
        if case .literal(let value) = self { return value }
        return nil
    }
}

/// Names bound while running one scope (the module, or one call of a function).
final class Frame {
    var values: [String: AirflowValue] = [:]
    let parent: Frame?
    let isModule: Bool
    var returnValue: AirflowValue?
    var globalNames: Set<String> = []

    init(parent: Frame?, isModule: Bool) {
        self.parent = parent
        self.isModule = isModule
    }

    func lookup(_ name: String) -> AirflowValue? {
        values[name] ?? parent?.lookup(name)
    }

    private var cache: (generation: Int, bindings: [String: JSONValue?])?

    /// Literal values visible here, for the literal evaluator; names bound to
    /// anything else shadow module constants as unknown. Cached until any
    /// frame's bindings change.
    func literalBindings(generation: Generation) -> [String: JSONValue?] {
        if let cache, cache.generation == generation.value { return cache.bindings }
        var result = parent?.literalBindings(generation: generation) ?? [:]
        for (name, value) in values {
            // Module names the static scope also knows (in source order); only a
            // function's locals must hide module constants of the same name.
            if isModule && value.literalValue == nil { continue }
            result[name] = value.literalValue
        }
        cache = (generation.value, result)
        return result
    }
}

/// A counter shared by an interpreter's frames.
final class Generation {
    var value = 0
}
