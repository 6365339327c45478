import NestingLimit
import PythonSyntax
import PythonTreeSitter

/// Finds Prefect flows: `@flow` in every spelling the file's imports allow,
/// `flow(fn)`, `flow(...)(fn)`, `Flow(fn, ...)` and `base.with_options(...)`.
/// Names are resolved through imports, so `@other.flow` and a local `def flow`
/// never count.
public struct PrefectDetector: FlowDetector {
    public let kind = FlowKind.prefect
    // A flow needs the module name and the imported or accessed name in the
    // file. Built once: the pre-filter runs on every file of the tree.
    private static let prefilter = BytePrefilter(requiring: [["prefect"], ["flow", "Flow"]])

    /// What `flow` and `Flow` resolve to when they come from Prefect.
    static let flowFactories: Set<String> = ["prefect.flow", "prefect.flows.flow", "prefect.Flow", "prefect.flows.Flow"]

    public init() {}

    public func isRelevant(_ file: SourceFile) -> Bool { file.imports(module: "prefect") }

    /// The words first (memchr-fast), then the import lines and the uses of what they bind:
    /// most files of a Prefect project import `prefect` and say `flow` (`flow_run`,
    /// `workflow`) without building a flow.
    public func mightDefineFlows(_ bytes: [UInt8]) -> Bool {
        Self.prefilter.admits(bytes) && ImportUseScan.importsBuilder(bytes, builders: Self.builders)
    }

    private static let builders = ImportUseScan.Builders(flowFactories)

    public func detect(in file: SourceFile) -> DetectionResult {
        var walk = PrefectWalk(file: file)
        walk.visit(block: file.tree.root, scope: file.moduleScope, path: [], dynamic: nil)
        return walk.result
    }
}

/// One pass over a file's statements, carrying the scope, the qualified-name
/// path and whether the code runs more or less than once.
struct PrefectWalk {
    let file: SourceFile
    var result = DetectionResult()
    /// Flows bound to a name, per scope (keyed by the scope node's start byte), for `.with_options`.
    private var flowsByName: [Int: [String: Flow]] = [:]
    /// How deep the walk is in nested statements (see NestingDepth).
    private var depth = NestingDepth.top

    init(file: SourceFile) { self.file = file }

    /// Why code here may run zero or many times: nil at module level.
    enum Dynamism { case function, loop }

    mutating func visit(block: Node, scope: Scope, path: [String], dynamic: Dynamism?) {
        for statement in block.namedChildren { visit(statement: statement, scope: scope, path: path, dynamic: dynamic) }
    }

    private mutating func visit(statement: Node, scope: Scope, path: [String], dynamic: Dynamism?) {
        guard let deeper = statement.descend(from: depth) else { return }
        let outer = depth
        depth = deeper
        defer { depth = outer }
        switch statement.type {
        case "decorated_definition":
            guard let definition = statement.child(byField: "definition") else { return }
            if definition.type == "function_definition",
                let arguments = flowDecoratorArguments(statement, scope: scope)
            {
                addDecoratedFlow(definition, statement: statement, arguments: arguments, scope: scope, path: path,
                    dynamic: dynamic)
            }
            descend(into: definition, scope: scope, path: path, dynamic: dynamic)
        case "function_definition", "class_definition":
            descend(into: statement, scope: scope, path: path, dynamic: dynamic)
        case "expression_statement":
            for child in statement.namedChildren where child.type == "assignment" {
                visit(assignment: child, statement: statement, scope: scope, path: path, dynamic: dynamic)
            }
        case "for_statement", "while_statement":  // `async for` is a for_statement too
            visitBodies(of: statement, scope: scope, path: path, dynamic: dynamic ?? .loop)
        case "if_statement", "try_statement", "with_statement", "match_statement",
            "elif_clause", "else_clause", "except_clause", "finally_clause", "case_clause", "except_group_clause", "block":
            visitBodies(of: statement, scope: scope, path: path, dynamic: dynamic)
        default:
            break
        }
    }

    private mutating func visitBodies(of statement: Node, scope: Scope, path: [String], dynamic: Dynamism?) {
        for child in statement.namedChildren {
            if child.type == "block" {
                visit(block: child, scope: scope, path: path, dynamic: dynamic)
            } else if child.type.hasSuffix("_clause") {
                visit(statement: child, scope: scope, path: path, dynamic: dynamic)
            }
        }
    }

    private mutating func descend(into definition: Node, scope: Scope, path: [String], dynamic: Dynamism?) {
        guard let name = definition.child(byField: "name")?.text, let body = definition.child(byField: "body") else { return }
        let inner = scope.child(for: definition)
        if definition.type == "class_definition" {
            visit(block: body, scope: inner, path: path + [name], dynamic: dynamic)
        } else {
            visit(block: body, scope: inner, path: path + [name, "<locals>"], dynamic: dynamic ?? .function)
        }
    }

    // MARK: Recognising flow factories

    private func isFlowFactory(_ node: Node, scope: Scope, at byte: Int) -> Bool {
        NameResolver.qualifiedName(of: node, in: scope, at: byte).map(PrefectDetector.flowFactories.contains) ?? false
    }

    /// The arguments of the flow decorator (empty for a bare `@flow`), or nil if none is a flow decorator.
    private func flowDecoratorArguments(_ decorated: Node, scope: Scope) -> CallArguments? {
        for decorator in decorated.namedChildren where decorator.type == "decorator" {
            guard let expression = Decorator.expression(of: decorator) else { continue }
            if expression.type == "call", let callee = expression.child(byField: "function"),
                isFlowFactory(callee, scope: scope, at: decorated.startByte)
            {
                return CallArguments(expression.child(byField: "arguments"))
            }
            if isFlowFactory(expression, scope: scope, at: decorated.startByte) { return CallArguments(nil) }
        }
        return nil
    }

    // MARK: Building flows

    private mutating func addDecoratedFlow(_ function: Node, statement: Node, arguments: CallArguments, scope: Scope,
        path: [String], dynamic: Dynamism?)
    {
        guard let name = function.child(byField: "name")?.text else { return }
        let flow = makeFlow(wrapping: .local(function), options: arguments, qualifiedName: (path + [name]).joined(separator: "."),
            statement: statement, scope: scope, dynamic: dynamic)
        flowsByName[scope.node.startByte, default: [:]][name] = flow
    }

    /// The function a flow wraps.
    enum Wrapped {
        case local(Node)
        /// Imported from another module (`from m import fn`): only its name is known.
        case external(String)
        case unknown(String)
    }

    private mutating func makeFlow(wrapping wrapped: Wrapped, options arguments: CallArguments, qualifiedName: String,
        statement: Node, scope: Scope, dynamic: Dynamism?) -> Flow
    {
        let evaluator = LiteralEvaluator(scope: scope)
        let options = PrefectOptions(arguments, evaluator: evaluator, at: statement.startByte)
        diagnoseUnknownKeywords(arguments, flow: qualifiedName)
        var functionName: String?
        var docstring: String?
        var parameters: [FlowParameter] = []
        var schema: JSONValue = ["title": "Parameters", "type": "object", "properties": [:], "definitions": [:]]
        var isAsync: Bool?
        switch wrapped {
        case .local(let function):
            functionName = function.child(byField: "name")?.text
            docstring = Docstring.raw(ofBody: function.child(byField: "body")).map(Docstring.clean)
            (parameters, schema) = ParameterSchema.build(function: function, scope: scope,
                descriptions: Docstring.argumentDescriptions(docstring ?? ""))
            isAsync = FunctionSignature.isAsync(function)
        case .external(let name):
            functionName = name
            diagnose(.prefectExternalFunction,
                "flow '\(qualifiedName)' wraps '\(name)', defined in another module; its parameters are not known",
                at: statement)
        case .unknown(let expression):
            diagnose(.prefectExternalFunction,
                "flow '\(qualifiedName)' wraps '\(expression)', which cannot be followed statically; its parameters are not known",
                at: statement)
        }

        // Prefect's default name: the function's __name__ with '_' replaced by '-'.
        var name = functionName.map { String($0.map { $0 == "_" ? "-" : $0 }) }
        var nameExpression: String?
        if functionName == nil, options.name == nil {
            name = nil
            nameExpression = qualifiedName
            diagnose(.prefectUnresolvedName,
                "flow '\(qualifiedName)' has no name= and wraps a function that cannot be followed; its name is unknown",
                at: statement)
        }

        var metadata = options.metadata(isAsync: isAsync)
        // Call forms bind the flow to a variable named unlike the function it wraps.
        if let functionName, functionName != qualifiedName.split(separator: ".").last.map(String.init) {
            metadata["wrapped_function"] = .string(functionName)
        }

        if let dynamic {
            let reason = dynamic == .function
                ? "is defined inside a function: it exists only when that function runs"
                : "is defined inside a loop: each pass defines it again"
            diagnose(.prefectDynamicFlow, "flow '\(qualifiedName)' \(reason); Prefect cannot load it from an entrypoint",
                at: statement)
        }

        var flow = Flow(kind: .prefect, name: name, nameExpression: nameExpression, file: file.path,
            line: statement.line, column: statement.column, endLine: statement.endLine, function: qualifiedName,
            description: docstring, dynamic: dynamic != nil, parameters: parameters, parameterSchema: schema,
            metadata: ["prefect": .object(metadata)])
        apply(options, to: &flow)
        result.flows.append(flow)
        return flow
    }

    /// `x = flow(fn)`, `x = flow(name=...)(fn)`, `x = Flow(fn, ...)`, `x = base.with_options(...)`.
    private mutating func visit(assignment: Node, statement: Node, scope: Scope, path: [String], dynamic: Dynamism?) {
        guard let target = assignment.child(byField: "left"), target.type == "identifier",
            let value = assignment.child(byField: "right"), value.type == "call",
            let callee = value.child(byField: "function")
        else { return }
        let byte = statement.startByte
        let qualifiedName = (path + [target.text]).joined(separator: ".")
        let outer = CallArguments(value.child(byField: "arguments"))

        var options: CallArguments?
        var wrappedNode: Node?
        if isFlowFactory(callee, scope: scope, at: byte) {
            options = outer
            wrappedNode = outer.positional.first
        } else if callee.type == "call", let factory = callee.child(byField: "function"),
            isFlowFactory(factory, scope: scope, at: byte)
        {
            let inner = CallArguments(callee.child(byField: "arguments"))
            if inner.positional.isEmpty {
                options = inner
                wrappedNode = outer.positional.first
            }
        } else if callee.type == "attribute", callee.child(byField: "attribute")?.text == "with_options",
            let object = callee.child(byField: "object"), object.type == "identifier",
            let base = knownFlow(object.text, scope: scope)
        {
            let derived = derive(from: base, options: outer, qualifiedName: qualifiedName, statement: statement,
                scope: scope, dynamic: dynamic)
            flowsByName[scope.node.startByte, default: [:]][target.text] = derived
            return
        }
        guard let options, let wrappedNode else { return }

        let wrapped: Wrapped
        switch wrappedNode.type == "identifier" ? scope.lookup(wrappedNode.text, before: byte) : nil {
        case .function(let function)?: wrapped = .local(function)
        case .imported(let name)?: wrapped = .external(String(name.split(separator: ".").last ?? Substring(name)))
        default: wrapped = wrappedNode.type == "lambda" ? .external("<lambda>") : .unknown(wrappedNode.text)
        }
        let flow = makeFlow(wrapping: wrapped, options: options, qualifiedName: qualifiedName, statement: statement,
            scope: scope, dynamic: dynamic)
        flowsByName[scope.node.startByte, default: [:]][target.text] = flow
    }

    private func knownFlow(_ name: String, scope: Scope) -> Flow? {
        var current: Scope? = scope
        while let candidate = current {
            if let flow = flowsByName[candidate.node.startByte]?[name] { return flow }
            current = candidate.parent
        }
        return nil
    }

    /// `.with_options(...)` copies the base flow and overrides what it names.
    private mutating func derive(from base: Flow, options arguments: CallArguments, qualifiedName: String,
        statement: Node, scope: Scope, dynamic: Dynamism?) -> Flow
    {
        let options = PrefectOptions(arguments, evaluator: LiteralEvaluator(scope: scope), at: statement.startByte)
        diagnoseUnknownKeywords(arguments, flow: qualifiedName)
        var flow = base
        flow.function = qualifiedName
        flow.line = statement.line
        flow.column = statement.column
        flow.endLine = statement.endLine
        flow.dynamic = base.dynamic || dynamic != nil
        apply(options, to: &flow)
        var metadata = base.metadata["prefect"]?.objectValue ?? [:]
        let overrides = options.metadata(isAsync: nil)
        for (key, value) in overrides where key != "options" && key != "expressions" { metadata[key] = value }
        for key in ["options", "expressions"] {
            var merged = metadata[key]?.objectValue ?? [:]
            for (name, value) in overrides[key]?.objectValue ?? [:] { merged[name] = value }
            metadata[key] = .object(merged)
        }
        metadata["base"] = .string(base.function)
        flow.metadata["prefect"] = .object(metadata)
        result.flows.append(flow)
        return flow
    }

    /// `name=` and `description=` override what the flow would otherwise get.
    private mutating func apply(_ options: PrefectOptions, to flow: inout Flow) {
        switch options.name {
        case .resolved(let text)?:
            flow.name = text
            flow.nameExpression = nil
        case .unresolved(let expression, let node)?:
            flow.name = nil
            flow.nameExpression = expression
            diagnose(.prefectUnresolvedName,
                "flow name '\(expression)' cannot be resolved statically; Prefect evaluates it at import time", at: node)
        case nil:
            break
        }
        switch options.description {
        case .resolved(let text)?: flow.description = text
        case .unresolved?: flow.description = nil
        case nil: break
        }
    }

    private mutating func diagnoseUnknownKeywords(_ arguments: CallArguments, flow: String) {
        for (keyword, value) in arguments.keywords where !PrefectOptions.acceptedKeywords.contains(keyword) {
            guard let node = value.parent else { continue }
            diagnose(.prefectUnknownKeyword,
                "flow '\(flow)': Prefect's flow() has no keyword '\(keyword)'; importing this file raises TypeError",
                at: node)
        }
    }

    private mutating func diagnose(_ code: DiagnosticCode, _ message: String, at node: Node) {
        result.diagnostics.append(Diagnostic(code, message, file: file.path, line: node.line, column: node.column))
    }
}
