import PythonSyntax
import PythonTreeSitter

/// The keyword arguments of `@flow(...)`, `flow(...)(fn)`, `Flow(fn, ...)` or
/// `.with_options(...)`, split into what flows.json shows where.
struct PrefectOptions {
    /// Metadata keys shown directly in the flow's `prefect` object.
    static let promotedKeys = ["version", "tags", "retries", "retry_delay_seconds", "timeout_seconds", "log_prints"]

    /// The keywords Prefect 3's `flow()`, `Flow()` and `with_options()` accept.
    /// Anything else makes the call raise TypeError when the module is imported.
    static let acceptedKeywords: Set<String> = ["name", "version", "flow_run_name", "retries", "retry_delay_seconds",
        "task_runner", "description", "timeout_seconds", "validate_parameters", "persist_result", "result_storage",
        "result_serializer", "cache_result_in_memory", "log_prints", "on_completion", "on_failure", "on_cancellation",
        "on_crashed", "on_running"]

    /// `name=`: nil when absent or None, `.resolved` when literal, `.unresolved` otherwise.
    enum Text {
        case resolved(String)
        case unresolved(expression: String, node: Node)
    }

    var name: Text?
    var description: Text?
    /// Literal keyword values, by keyword.
    var literals: [String: JSONValue] = [:]
    /// Source text of keyword values that are not literals.
    var expressions: [String: String] = [:]

    init(_ arguments: CallArguments, evaluator: LiteralEvaluator, at byte: Int) {
        for (key, valueNode) in arguments.keywords {
            let value = evaluator.evaluate(valueNode, at: byte)
            switch key {
            case "name", "description":
                let text: Text?
                switch value {
                case .null?: text = nil
                case .string(let string)?: text = .resolved(string)
                default: text = .unresolved(expression: valueNode.text, node: valueNode)
                }
                if key == "name" { name = text } else { description = text }
                if case .unresolved(let expression, _)? = text { expressions[key] = expression }
            default:
                if let value { literals[key] = value } else { expressions[key] = valueNode.text }
            }
        }
        for splat in arguments.splats { expressions[splat.text] = splat.text }
    }

    /// The `prefect` object of a flow: promoted keys, then `options` and `expressions` for the rest.
    func metadata(isAsync: Bool?) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        if let isAsync { result["is_async"] = .bool(isAsync) }
        var options: [String: JSONValue] = [:]
        for (key, value) in literals {
            if Self.promotedKeys.contains(key) { result[key] = value } else { options[key] = value }
        }
        result["options"] = .object(options)
        result["expressions"] = .object(expressions.mapValues(JSONValue.string))
        return result
    }
}
