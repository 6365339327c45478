import PythonSyntax

/// What repo-wide rules (duplicate names and dag_ids) need of a file's flows,
/// kept in the scan cache beside the full results: `check FILE` reads these for
/// every other file instead of decoding their whole results.
enum FlowSummary {
    /// One JSON array per flow: kind, name, line, column, function, occurrence,
    /// dynamic, test code, registered (Airflow).
    static func encode(_ flows: [Flow]) -> [UInt8] {
        guard !flows.isEmpty else { return [] }
        let rows: [JSONValue] = flows.map { flow in
            [.string(flow.kind.rawValue), flow.name.map(JSONValue.string) ?? .null, .int(flow.line), .int(flow.column),
             .string(flow.function), .int(flow.occurrence), .bool(flow.dynamic), .bool(flow.testCode),
             flow.metadata["airflow"]?["registered"] ?? .null]
        }
        return Array(JSONValue.array(rows).serialized(indent: nil).utf8)
    }

    /// Stand-ins for the flows of `file`: enough for the repo-wide rules, nothing else.
    static func decode(_ bytes: ArraySlice<UInt8>, file: String) -> [Flow]? {
        guard !bytes.isEmpty else { return [] }
        guard let rows = try? JSONValue.parse(Array(bytes)).arrayValue else { return nil }
        var flows: [Flow] = []
        for row in rows {
            guard let fields = row.arrayValue, fields.count == 9, let kind = fields[0].stringValue.flatMap(FlowKind.init),
                case .int(let line) = fields[2], case .int(let column) = fields[3], let function = fields[4].stringValue,
                case .int(let occurrence) = fields[5], case .bool(let dynamic) = fields[6], case .bool(let testCode) = fields[7]
            else { return nil }
            var metadata: [String: JSONValue] = [:]
            if kind == .airflow { metadata["airflow"] = ["registered": fields[8]] }
            var flow = Flow(kind: kind, name: fields[1].stringValue, file: file, line: line, column: column, endLine: line,
                function: function, description: nil, dynamic: dynamic, parameters: [], parameterSchema: [:], metadata: metadata)
            flow.occurrence = occurrence
            flow.testCode = testCode
            flows.append(flow)
        }
        return flows
    }
}
