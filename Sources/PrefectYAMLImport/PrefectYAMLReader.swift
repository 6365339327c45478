import PythonSyntax

/// Reads one hand-written prefect.yaml the way `prefect deploy` (3.9.1) applies it:
/// each deployment's own `build` / `push` / `pull` or else the file's, every key
/// turned into the acme.toml setting that stands for it. Whatever acme.toml cannot
/// say is reported with its line, never dropped silently.
struct PrefectYAMLReader {
    /// Relative to the project root.
    let file: String
    /// Where `prefect deploy` runs for this file, relative to the project root.
    let folder: String
    private(set) var notes: [ImportNote] = []
    /// The file's `name:` (informational to Prefect; the project's name to acme-scan).
    private(set) var projectName: String?

    init(file: String, folder: String) {
        self.file = file
        self.folder = folder
    }

    /// Keys Prefect reads at the top of the file that acme.toml writes itself
    /// (`name` is informational; `definitions` holds YAML anchors only).
    private static let topLevelKeys: Set<String> = ["name", "prefect-version", "build", "push", "pull", "deployments", "definitions"]

    mutating func read(_ text: String) -> [ExistingDeployment] {
        let root: YAMLTree
        do {
            root = try YAMLTree.parse(text)
        } catch {
            note(.error, "not valid YAML: \(error.message)", error.line)
            return []
        }
        guard let top = root.members else {
            note(.error, "a prefect.yaml must be a mapping with `deployments:`", root.line)
            return []
        }
        projectName = root["name"]?.string
        for (key, value) in top where !Self.topLevelKeys.contains(key) {
            note(.warning, "'\(key)' is not a prefect.yaml key: Prefect ignores it (a typo?); not carried over", value.line)
        }
        guard let items = root["deployments"]?.items else {
            note(.error, "no `deployments:` list", root.line)
            return []
        }
        let actions = (build: root["build"], push: root["push"], pull: root["pull"])
        return items.compactMap { deployment($0, actions: actions) }
    }

    private mutating func deployment(_ item: YAMLTree, actions: (build: YAMLTree?, push: YAMLTree?, pull: YAMLTree?)) -> ExistingDeployment? {
        guard item.members != nil else {
            note(.error, "a deployment must be a mapping", item.line)
            return nil
        }
        guard let name = item["name"]?.string, !name.isEmpty else {
            note(.error, "a deployment needs a name (prefect deploy --all stops on it)", item.line)
            return nil
        }
        guard let entrypointNode = item["entrypoint"], let entrypoint = entrypointNode.string, !entrypoint.isEmpty else {
            note(.error, "deployment '\(name)' has no entrypoint", item.line)
            return nil
        }
        var result = ExistingDeployment(file: file, folder: folder, line: item.line, name: name, entrypoint: entrypoint,
            entrypointLine: entrypointNode.line, tags: [], settings: [.plain("deployment-name"): .string(name)])
        for (key, value) in item.members! {
            read(key, value, of: name, into: &result)
        }
        steps(of: item, actions: actions, into: &result)
        return result
    }

    private mutating func read(_ key: String, _ value: YAMLTree, of name: String, into result: inout ExistingDeployment) {
        if value.isNull && key != "build" && key != "push" && key != "pull" { return }
        switch key {
        case "name", "entrypoint", "build", "push", "pull":
            return
        case "description":
            guard let text = value.string else { return unsupported(key, "is not a string", value) }
            result.settings[.plain("description")] = .string(text)
        case "version":
            note(.warning, "deployment '\(name)': version '\(value.json.text)' is not carried over: acme-scan sets it to `branch-shortsha`", value.line)
        case "tags":
            guard let tags = value.items?.compactMap(\.string), tags.count == value.items?.count else {
                return unsupported(key, "is not a list of strings", value)
            }
            result.tags = tags
            for tag in tags { result.settings[.tag(tag)] = true }
        case "parameters":
            guard let members = value.members else { return unsupported(key, "is not a mapping", value) }
            for (parameter, item) in members {
                guard carriable(item, what: "parameter '\(parameter)' of deployment '\(name)'") else { continue }
                result.settings[.parameter(parameter)] = item.json
            }
        case "work_pool":
            workPool(value, of: name, into: &result)
        case "schedules":
            guard let items = value.items else { return unsupported(key, "is not a list", value) }
            result.settings[.plain("schedules")] = .array(items.compactMap { schedule($0, of: name) })
        case "paused":
            guard case .bool = value.json else { return unsupported(key, "is not true or false", value) }
            result.settings[.plain("paused")] = value.json
        case "concurrency_limit":
            guard case .int(let limit) = value.json, limit >= 1 else {
                return unsupported(key, "is not a whole number of runs (acme.toml's concurrency-limit has no collision strategy)", value)
            }
            result.settings[.plain("concurrency-limit")] = .int(limit)
        case "enforce_parameter_schema":
            // Prefect enforces the schema unless told not to; so does every deployment acme-scan writes.
            if value.json != .bool(true) { unsupported(key, "turns off the parameter schema acme-scan's deployments enforce", value) }
        case "flow_name":
            note(.warning, "deployment '\(name)': flow_name is not carried over (Prefect replaces it with the loaded flow's name)", value.line)
        case "triggers", "sla", "version_type", "schedule":
            note(.warning, "deployment '\(name)': '\(key)' is not carried over: acme.toml has no setting for it", value.line)
        default:
            note(.warning, "deployment '\(name)': '\(key)' is not a prefect.yaml key: Prefect ignores it (a typo?); not carried over", value.line)
        }
    }

    private mutating func workPool(_ value: YAMLTree, of name: String, into result: inout ExistingDeployment) {
        guard let members = value.members else { return unsupported("work_pool", "is not a mapping", value) }
        for (key, item) in members where !item.isNull {
            switch key {
            case "name":
                guard let pool = item.string else { return unsupported("work_pool.name", "is not a string", item) }
                result.settings[.plain("work-pool")] = .string(pool)
            case "work_queue_name":
                guard let queue = item.string else { return unsupported("work_pool.work_queue_name", "is not a string", item) }
                result.settings[.plain("work-queue")] = .string(queue)
            case "job_variables":
                guard item.members != nil else { return unsupported("work_pool.job_variables", "is not a mapping", item) }
                guard carriable(item, what: "the job variables of deployment '\(name)'") else { continue }
                for (path, leaf) in Self.leaves(item.json) { result.settings[.jobVariable(path)] = leaf }
            default:
                note(.warning, "deployment '\(name)': work_pool.\(key) is not a prefect.yaml key: Prefect ignores it (a typo?); not carried over", item.line)
            }
        }
    }

    /// The leaves of nested job variables: values that are not tables, and empty tables.
    static func leaves(_ value: JSONValue, path: [String] = []) -> [([String], JSONValue)] {
        guard case .object(let members) = value, !members.isEmpty || path.isEmpty else { return [(path, value)] }
        return members.keys.sorted().flatMap { leaves(members[$0]!, path: path + [$0]) }
    }

    /// One schedule in acme.toml's keys. Prefect forbids unknown keys here, so the file
    /// could not have deployed with one; `day_or: true` is Prefect's default.
    private mutating func schedule(_ item: YAMLTree, of name: String) -> JSONValue? {
        guard let members = item.members else {
            note(.warning, "deployment '\(name)': a schedule that is not a mapping is not carried over", item.line)
            return nil
        }
        var result: [String: JSONValue] = [:]
        for (key, value) in members where !value.isNull {
            switch key {
            case "cron", "interval", "rrule", "timezone", "slug":
                result[key] = value.json
            case "anchor_date":
                result["anchor-date"] = .string(value.json.text)
            case "active":
                guard case .bool = value.json else { unsupported("schedules.active", "is not true or false", value); continue }
                result[key] = value.json
            case "parameters":
                guard value.members != nil, carriable(value, what: "the parameters of a schedule of deployment '\(name)'") else { continue }
                result[key] = value.json
            case "day_or" where value.json == .bool(true):
                continue
            default:
                note(.warning, "deployment '\(name)': schedule key '\(key)' is not carried over: acme.toml has no setting for it", value.line)
            }
        }
        return .object(result)
    }

    /// `build`, `push` and `pull` as `prefect deploy` 3.9.1 picks them for one deployment
    /// (prefect/cli/deploy/_core.py): a deployment's `build` replaces the file's, even when
    /// null; its `push` and `pull` do only when they hold steps; `pull: []` means no pull steps.
    private mutating func steps(of item: YAMLTree, actions: (build: YAMLTree?, push: YAMLTree?, pull: YAMLTree?),
        into result: inout ExistingDeployment)
    {
        let build = item.members!.contains { $0.key == "build" } ? steps(item["build"]) : steps(actions.build)
        if let build, !build.isEmpty { result.settings[.plain("build")] = .array(build) }
        if let push = nonEmpty(steps(item["push"])) ?? steps(actions.push), !push.isEmpty { result.settings[.plain("push")] = .array(push) }
        let effectivePull = item.members!.contains { $0.key == "pull" } ? item["pull"] : actions.pull
        if effectivePull?.items?.isEmpty == true {
            result.settings[.plain("pull")] = []
        } else if let pull = nonEmpty(steps(item["pull"])) ?? nonEmpty(steps(actions.pull)) {
            result.settings[.plain("pull")] = .array(pull)
        } else {
            note(.warning, "deployment '\(result.name)' has no pull steps: Prefect would record the deploying machine's folder; "
                + "acme-scan writes a git_clone of the commit instead", item.line)
        }
    }

    private func nonEmpty(_ steps: [JSONValue]?) -> [JSONValue]? { steps?.isEmpty == false ? steps : nil }

    /// Steps as Prefect accepts them: a list of one-key mappings, or one such mapping.
    private mutating func steps(_ node: YAMLTree?) -> [JSONValue]? {
        guard let node, !node.isNull else { return nil }
        if let members = node.members { return members.isEmpty ? nil : carriable(node, what: "a step") ? [node.json] : nil }
        guard let items = node.items else {
            note(.warning, "steps that are not a list are not carried over", node.line)
            return nil
        }
        return items.filter { carriable($0, what: "a step") }.map(\.json)
    }

    /// TOML has no null: a value holding one cannot be written to acme.toml.
    private mutating func carriable(_ node: YAMLTree, what: String) -> Bool {
        guard let line = Self.firstNull(in: node) else { return true }
        note(.warning, "\(what) holds null, which acme.toml (TOML) cannot write; not carried over", line)
        return false
    }

    private static func firstNull(in node: YAMLTree) -> Int? {
        switch node.value {
        case .scalar(let value): value == .null ? node.line : nil
        case .sequence(let items): items.lazy.compactMap(firstNull).first
        case .mapping(let members): members.lazy.compactMap { firstNull(in: $0.value) }.first
        }
    }

    private mutating func unsupported(_ key: String, _ why: String, _ node: YAMLTree) {
        note(.warning, "\(key) \(why); not carried over", node.line)
    }

    private mutating func note(_ severity: ImportNote.Severity, _ message: String, _ line: Int) {
        notes.append(ImportNote(severity, message, file: file, line: line))
    }
}

extension JSONValue {
    /// Text as written: a string without quotes, anything else as JSON.
    var text: String { stringValue ?? serialized(indent: nil) }
}
