import PythonSyntax

/// How flows, parameters, diagnostics and suppressions are written as JSON,
/// and read back. flows.json and the scan cache share this one encoding, so a
/// flow read back from either is the flow that was written.
public struct FlowJSONError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension Flow {
    /// The fields every flow object has; any other member is kind metadata.
    static let fieldKeys: Set<String> = [
        "id", "kind", "name", "name_expression", "file", "line", "column", "end_line", "function", "entrypoint",
        "grouping", "description", "dynamic", "parameters", "parameter_schema", "test_code",
    ]

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id),
            "kind": .string(kind.rawValue),
            "name": name.map(JSONValue.string) ?? .null,
            "file": .string(file),
            "line": .int(line),
            "column": .int(column),
            "end_line": .int(endLine),
            "function": .string(function),
            "entrypoint": .string(entrypoint),
            "grouping": .array(grouping.map(JSONValue.string)),
            "description": description.map(JSONValue.string) ?? .null,
            "dynamic": .bool(dynamic),
            "parameters": .array(parameters.map(\.json)),
            "parameter_schema": parameterSchema,
        ]
        if let nameExpression { object["name_expression"] = .string(nameExpression) }
        if testCode { object["test_code"] = true }
        for (key, value) in metadata { object[key] = value }
        return .object(object)
    }

    public init(json: JSONValue) throws(FlowJSONError) {
        let fields = try JSONFields(json, what: "flow")
        guard let kind = FlowKind(rawValue: try fields.string("kind")) else { throw fields.error("unknown kind") }
        self.init(kind: kind, name: try fields.optionalString("name"), nameExpression: try fields.optionalString("name_expression"),
            file: try fields.string("file"), line: try fields.int("line"), column: try fields.int("column"),
            endLine: try fields.int("end_line"), function: try fields.string("function"),
            description: try fields.optionalString("description"), dynamic: try fields.bool("dynamic"),
            parameters: try fields.array("parameters").map { (item) throws(FlowJSONError) in try FlowParameter(json: item) },
            parameterSchema: fields.object["parameter_schema"] ?? .object([:]),
            metadata: fields.object.filter { !Self.fieldKeys.contains($0.key) })
        testCode = fields.object["test_code"] == .bool(true)
        let id = try fields.string("id")
        if let hash = id.lastIndex(of: "#"), let occurrence = Int(id[id.index(after: hash)...]) { self.occurrence = occurrence }
    }
}

extension FlowParameter {
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name),
            "position": .int(position),
            "kind": .string(kind.rawValue),
            "annotation": annotation.map(JSONValue.string) ?? .null,
            "required": .bool(required),
        ]
        if let defaultValue { object["default"] = defaultValue }
        if let defaultExpression { object["default_expression"] = .string(defaultExpression) }
        return .object(object)
    }

    public init(json: JSONValue) throws(FlowJSONError) {
        let fields = try JSONFields(json, what: "parameter")
        guard let kind = Parameter.Kind(rawValue: try fields.string("kind")) else { throw fields.error("unknown parameter kind") }
        self.init(name: try fields.string("name"), position: try fields.int("position"), kind: kind,
            annotation: try fields.optionalString("annotation"), defaultValue: fields.object["default"],
            defaultExpression: try fields.optionalString("default_expression"), required: try fields.bool("required"))
    }
}

extension Diagnostic {
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "code": .string(code.rawValue),
            "severity": .string(severity.rawValue),
            "message": .string(message),
            "file": .string(file),
            "line": .int(line),
            "column": .int(column),
        ]
        if testCode { object["test_code"] = true }
        return .object(object)
    }

    public init(json: JSONValue) throws(FlowJSONError) {
        let fields = try JSONFields(json, what: "diagnostic")
        guard let code = DiagnosticCode(rawValue: try fields.string("code")),
            let severity = Severity(rawValue: try fields.string("severity"))
        else { throw fields.error("unknown code or severity") }
        self.init(code, try fields.string("message"), file: try fields.string("file"), line: try fields.int("line"),
            column: try fields.int("column"), severity: severity)
        testCode = fields.object["test_code"] == .bool(true)
    }
}

extension Suppression {
    public var json: JSONValue {
        ["file": .string(file), "line": .int(line), "column": .int(column), "codes": .array(codes.map(JSONValue.string))]
    }

    public init(json: JSONValue) throws(FlowJSONError) {
        let fields = try JSONFields(json, what: "suppression")
        self.init(file: try fields.string("file"), line: try fields.int("line"), column: try fields.int("column"),
            codes: try fields.array("codes").compactMap(\.stringValue))
    }
}

/// Typed access to the members of one JSON object, with errors that say which member is wrong.
struct JSONFields {
    let object: [String: JSONValue]
    let what: String

    init(_ value: JSONValue, what: String) throws(FlowJSONError) {
        guard let object = value.objectValue else { throw FlowJSONError(message: "\(what): expected an object") }
        self.object = object
        self.what = what
    }

    func error(_ message: String) -> FlowJSONError { FlowJSONError(message: "\(what): \(message)") }

    func string(_ key: String) throws(FlowJSONError) -> String {
        guard let value = object[key]?.stringValue else { throw error("'\(key)' must be a string") }
        return value
    }

    func optionalString(_ key: String) throws(FlowJSONError) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw error("'\(key)' must be a string or null")
        }
    }

    func int(_ key: String) throws(FlowJSONError) -> Int {
        guard case .int(let value)? = object[key] else { throw error("'\(key)' must be an integer") }
        return value
    }

    func bool(_ key: String) throws(FlowJSONError) -> Bool {
        guard case .bool(let value)? = object[key] else { throw error("'\(key)' must be true or false") }
        return value
    }

    func array(_ key: String) throws(FlowJSONError) -> [JSONValue] {
        guard let value = object[key]?.arrayValue else { throw error("'\(key)' must be an array") }
        return value
    }
}
