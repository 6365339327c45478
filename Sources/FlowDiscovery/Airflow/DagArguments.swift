import PythonSyntax
import PythonTreeSitter

/// Reads the arguments of `DAG(...)`, `@dag(...)` or `@asset(...)` into the
/// `airflow` metadata of a manifest entry. Literal values become JSON; other
/// values keep their source text, under `expressions` for plain keywords.
struct DagArguments {
    /// Keywords shown as their own fields; everything else goes to `options` / `expressions`.
    static let promoted: Set<String> = ["schedule", "schedule_interval", "timetable", "start_date", "end_date", "catchup",
        "tags", "description", "doc_md", "max_active_runs", "max_active_tasks", "params", "is_paused_upon_creation",
        "dag_display_name", "default_args", "dag_id"]

    var metadata: [String: JSONValue] = [:]
    var description: String?
    var docMarkdown: String?

    init(_ arguments: CallArguments, evaluator: LiteralEvaluator, scope: Scope, at byte: Int) {
        var options: [String: JSONValue] = [:]
        var expressions: [String: JSONValue] = [:]
        for (key, node) in arguments.keywords {
            let value = evaluator.evaluate(node, at: byte)
            switch key {
            case "dag_id":
                break
            case "schedule":
                metadata["schedule"] = ["expression": .string(node.text),
                    "kind": .string(Self.scheduleKind(node, value: value, scope: scope, at: byte))]
            case "schedule_interval", "timetable":
                metadata[key] = .string(node.text)
            case "start_date", "end_date":
                var date: [String: JSONValue] = ["expression": .string(node.text)]
                if let iso = Self.isoDateTime(node, scope: scope, evaluator: evaluator, at: byte) { date["iso"] = .string(iso) }
                metadata[key] = .object(date)
            case "default_args":
                metadata["default_args"] = Self.defaultArguments(node, evaluator: evaluator, scope: scope, at: byte)
            case "params":
                metadata["params"] = Self.params(node, evaluator: evaluator, scope: scope, at: byte)
            case "description":
                description = value?.stringValue
                if value?.stringValue == nil { expressions[key] = .string(node.text) }
            case "doc_md":
                docMarkdown = value?.stringValue
                if let docMarkdown { metadata["doc_md"] = .string(docMarkdown) } else { expressions[key] = .string(node.text) }
            default:
                if Self.promoted.contains(key) {
                    metadata[key] = value ?? ["expression": .string(node.text)]
                } else if let value {
                    options[key] = value
                } else {
                    expressions[key] = .string(node.text)
                }
            }
        }
        for splat in arguments.splats { expressions[splat.text] = .string(splat.text) }
        metadata["options"] = .object(options)
        metadata["expressions"] = .object(expressions)
    }

    /// none, cron, preset, timedelta, assets, timetable, or unknown.
    static func scheduleKind(_ node: Node, value: JSONValue?, scope: Scope, at byte: Int) -> String {
        switch value {
        case .null?: return "none"
        case .string(let text)?: return text.hasPrefix("@") ? "preset" : "cron"
        case .array?: return "assets"
        default: break
        }
        switch node.type {
        case "list", "tuple": return "assets"
        case "identifier":
            // `schedule=raw_data`, an @asset function of this file.
            guard case .function(let definition)? = scope.lookup(node.text, before: byte),
                let decorated = definition.parent, decorated.type == "decorated_definition",
                decorated.namedChildren.contains(where: { $0.type == "decorator" && $0.text.contains("asset") })
            else { return "unknown" }
            return "assets"
        case "binary_operator" where ["&", "|"].contains(node.child(byField: "operator")?.text ?? ""): return "assets"
        case "call":
            guard let callee = node.child(byField: "function"),
                let name = NameResolver.qualifiedName(of: callee, in: scope, at: byte)
            else { return "unknown" }
            let last = name.split(separator: ".").last.map(String.init) ?? name
            if ["datetime.timedelta", "pendulum.duration", "dateutil.relativedelta.relativedelta"].contains(name) {
                return "timedelta"
            }
            if last.hasSuffix("Timetable") { return "timetable" }
            if ["Asset", "Dataset", "AssetAlias", "AssetAll", "AssetAny", "DatasetAll", "DatasetAny"].contains(last) {
                return "assets"
            }
            return "unknown"
        default:
            return "unknown"
        }
    }

    /// ISO 8601 for a literal `datetime(...)` or `pendulum.datetime(...)`;
    /// pendulum's default timezone, and an explicit tz="UTC", give `+00:00`.
    static func isoDateTime(_ node: Node, scope: Scope, evaluator: LiteralEvaluator, at byte: Int) -> String? {
        guard node.type == "call", let callee = node.child(byField: "function"),
            let name = NameResolver.qualifiedName(of: callee, in: scope, at: byte)
        else { return nil }
        let arguments = CallArguments(node.child(byField: "arguments"))
        var positional: [JSONValue] = []
        var keywords: [String: JSONValue] = [:]
        var timezone: String?
        for argument in arguments.positional {
            guard let value = evaluator.evaluate(argument, at: byte) else { return nil }
            positional.append(value)
        }
        for (key, valueNode) in arguments.keywords {
            if key == "tz" || key == "tzinfo" {
                let text = evaluator.evaluate(valueNode, at: byte)?.stringValue
                    ?? (valueNode.text.hasSuffix("utc") || valueNode.text.hasSuffix("UTC") ? "UTC" : nil)
                guard let text else { return nil }
                timezone = text
                continue
            }
            guard let value = evaluator.evaluate(valueNode, at: byte) else { return nil }
            keywords[key] = value
        }
        switch name {
        case "datetime.datetime":
            guard let text = DefaultValue.isoDate(positional: positional, keywords: keywords, withTime: true) else { return nil }
            guard let timezone else { return text }
            return timezone.uppercased() == "UTC" ? text + "+00:00" : nil
        case "pendulum.datetime", "pendulum.DateTime":
            guard let text = DefaultValue.isoDate(positional: positional, keywords: keywords, withTime: true) else { return nil }
            return (timezone ?? "UTC").uppercased() == "UTC" ? text + "+00:00" : nil
        default:
            return nil
        }
    }

    /// default_args from an inline dict or a module-level dict variable: literal
    /// values as JSON, others as `{"expression": source}`.
    static func defaultArguments(_ node: Node, evaluator: LiteralEvaluator, scope: Scope, at byte: Int) -> JSONValue {
        var dictionary = node
        if node.type == "identifier", case .value(let value)? = scope.lookup(node.text, before: byte) {
            dictionary = value
        }
        guard dictionary.type == "dictionary" else {
            return evaluator.evaluate(node, at: byte) ?? ["expression": .string(node.text)]
        }
        var result: [String: JSONValue] = [:]
        for pair in dictionary.significantChildren where pair.type == "pair" {
            guard let key = pair.child(byField: "key").flatMap({ evaluator.string($0, at: byte) }),
                let valueNode = pair.child(byField: "value")
            else { continue }
            result[key] = evaluator.evaluate(valueNode, at: byte) ?? ["expression": .string(valueNode.text)]
        }
        return .object(result)
    }

    /// params: name → default, reading `Param(default, ...)` for its default.
    static func params(_ node: Node, evaluator: LiteralEvaluator, scope: Scope, at byte: Int) -> JSONValue {
        guard node.type == "dictionary" else {
            return evaluator.evaluate(node, at: byte) ?? ["expression": .string(node.text)]
        }
        var result: [String: JSONValue] = [:]
        for pair in node.significantChildren where pair.type == "pair" {
            guard let key = pair.child(byField: "key").flatMap({ evaluator.string($0, at: byte) }),
                let valueNode = pair.child(byField: "value")
            else { continue }
            var defaultNode = valueNode
            if valueNode.type == "call", let callee = valueNode.child(byField: "function"),
                callee.text.split(separator: ".").last == "Param"
            {
                let arguments = CallArguments(valueNode.child(byField: "arguments"))
                guard let first = arguments.positional.first ?? arguments.keyword("default") else {
                    result[key] = ["required": true]
                    continue
                }
                defaultNode = first
            }
            result[key] = evaluator.evaluate(defaultNode, at: byte) ?? ["expression": .string(defaultNode.text)]
        }
        return .object(result)
    }
}
