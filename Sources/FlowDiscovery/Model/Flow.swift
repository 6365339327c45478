import PythonSyntax

/// The workflow engines acme-scan understands.
public enum FlowKind: String, Sendable, CaseIterable, Comparable {
    case prefect, airflow
    public static func < (lhs: FlowKind, rhs: FlowKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One parameter of a flow function.
public struct FlowParameter: Sendable, Equatable {
    public var name: String
    public var position: Int
    public var kind: Parameter.Kind
    /// The annotation as written.
    public var annotation: String?
    /// The default value when it is a literal.
    public var defaultValue: JSONValue?
    /// The default's source text when it is not a literal.
    public var defaultExpression: String?
    public var required: Bool
}

/// A flow found in the source: a Prefect flow or an Airflow DAG.
public struct Flow: Sendable, Equatable {
    public var kind: FlowKind
    /// The name the engine registers, or nil when it cannot be resolved statically.
    public var name: String?
    /// The source text of the name expression when `name` is nil.
    public var nameExpression: String?
    /// Relative, `/`-separated path of the defining file.
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    /// Qualified name of the object the engine loads (`Class.method`, `variable`).
    public var function: String
    public var description: String?
    /// Defined inside a function or a loop: may exist zero or several times at run time.
    public var dynamic: Bool
    public var parameters: [FlowParameter]
    public var parameterSchema: JSONValue
    /// The kind's own metadata (decorator options, schedule, tasks, ...).
    public var metadata: [String: JSONValue]
    /// Distinguishes flows that share a file and qualified name (a redefinition, a loop).
    public var occurrence: Int = 1
    /// Defined in test code (``TestCode``): listed, but no deployment is made from it.
    public var testCode = false

    public init(kind: FlowKind, name: String?, nameExpression: String? = nil, file: String, line: Int, column: Int,
        endLine: Int, function: String, description: String?, dynamic: Bool, parameters: [FlowParameter],
        parameterSchema: JSONValue, metadata: [String: JSONValue])
    {
        self.kind = kind
        self.name = name
        self.nameExpression = nameExpression
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.function = function
        self.description = description
        self.dynamic = dynamic
        self.parameters = parameters
        self.parameterSchema = parameterSchema
        self.metadata = metadata
    }

    /// `kind:path:qualname`, with `#n` for the n-th flow of the same qualified name
    /// in one file. Depends only on the source tree, never on the machine or the run.
    public var id: String {
        let base = "\(kind.rawValue):\(file):\(function)"
        return occurrence > 1 ? "\(base)#\(occurrence)" : base
    }

    /// `path.py:qualname`, as `prefect deploy` takes it.
    public var entrypoint: String { "\(file):\(function)" }

    /// The folders of `file`, outermost first.
    public var grouping: [String] { file.split(separator: "/").dropLast().map(String.init) }

    /// flows.json orders flows by (file, line); column and id break ties.
    public static func manifestOrder(_ a: Flow, _ b: Flow) -> Bool {
        (a.file, a.line, a.column, a.id) < (b.file, b.line, b.column, b.id)
    }
}
