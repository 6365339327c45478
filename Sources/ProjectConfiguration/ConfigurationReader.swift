import FlowDiscovery
import Foundation
import PythonSyntax
import TOMLSyntax

extension ProjectConfiguration {
    /// Keys `check` reads; `generate` accepts them and leaves them to `check`.
    static let checkKeys: Set<String> = ["select", "ignore", "severity", "airflow-version", "required-tags",
        "allowed-owners", "minimum-retries", "name-pattern"]
    static let topKeys: Set<String> = ["project", "package-version", "environments", "defaults", "flows"]
    static let settingKeys: Set<String> = ["deploy", "description", "tags", "schedules", "parameters", "paused",
        "concurrency-limit", "work-pool", "work-queue", "job-variables", "image", "pull"]
    /// What Airflow takes from us: the DAGs' code carries the rest (schedule, arguments).
    static let airflowSettingKeys: Set<String> = ["deploy", "tags", "paused"]
    static let environmentKeys: Set<String> = ["name", "backend", "api-url", "dags-folder", "bundle"]

    /// Reads and validates the configuration against the scanned `flows`. Every
    /// problem is returned, located; the configuration is usable when none is an error.
    public static func read(_ file: SettingsFile, flows: [Flow]) -> (ProjectConfiguration, [ConfigProblem]) {
        let log = ProblemLog(path: file.path)
        let reader = ConfigurationReader(log: log, flows: flows)
        let configuration = reader.read(file)
        return (configuration, log.problems.sorted(by: ConfigProblem.inOrder))
    }
}

/// Reads the settings table level by level, recording problems instead of stopping at the first.
struct ConfigurationReader {
    let log: ProblemLog
    let flowsByName: [String: [Flow]]

    init(log: ProblemLog, flows: [Flow]) {
        self.log = log
        flowsByName = Dictionary(grouping: flows.filter { $0.name != nil }, by: { $0.name! })
    }

    func read(_ file: SettingsFile) -> ProjectConfiguration {
        let table = file.table
        var configuration = ProjectConfiguration(path: file.path, folder: file.folder, projectName: file.folder.lastPathComponent,
            packageVersion: nil, environments: [], defaults: FlowSettings(), flows: [:])
        for member in table.members where !ProjectConfiguration.topKeys.contains(member.key)
            && !ProjectConfiguration.checkKeys.contains(member.key)
        {
            let known = Array(ProjectConfiguration.topKeys.union(ProjectConfiguration.checkKeys))
            var hint = DidYouMean.hint(for: member.key, among: known)
            // A flow setting at the top level (or a typo of one) belongs one level down.
            if hint.isEmpty, let setting = DidYouMean.suggestion(for: member.key, among: Array(ProjectConfiguration.settingKeys)) {
                hint = (setting == member.key ? "" : "; did you mean '\(setting)'?") + " Flow settings go under [defaults], an environment or [flows.<name>]"
            }
            log.error("unknown key '\(member.key)'\(hint)", at: member.keyLocation)
        }
        if let member = table.member("project") {
            if let name = member.node.string, !name.isEmpty { configuration.projectName = name } else {
                log.error("'project' must be a non-empty string", at: member.node.location)
            }
        }
        if let member = table.member("package-version") {
            if let version = member.node.string { configuration.packageVersion = version } else {
                log.error("'package-version' must be a string", at: member.node.location)
            }
        }
        if let member = table.member("defaults") {
            if let defaults = member.node.table {
                configuration.defaults = readSettings(defaults, allowed: ProjectConfiguration.settingKeys, what: "[defaults]")
                checkSharedParameters(configuration.defaults.parameters, in: defaults)
            } else {
                log.error("'defaults' must be a table", at: member.node.location)
            }
        }
        if let member = table.member("environments") {
            configuration.environments = readEnvironments(member)
        }
        if let member = table.member("flows") {
            if let flows = member.node.table {
                configuration.flows = readFlows(flows, environments: configuration.environments)
            } else {
                log.error("'flows' must be a table of flow names", at: member.node.location)
            }
        }
        return configuration
    }

    // MARK: Environments

    private func readEnvironments(_ member: TOMLTable.Member) -> [Environment] {
        guard let items = member.node.array, items.allSatisfy({ $0.table != nil }) else {
            log.error("'environments' must be an array of tables: one [[environments]] per stage, in promotion order",
                at: member.node.location)
            return []
        }
        var environments: [Environment] = []
        var seen: [String: TOMLLocation] = [:]
        for item in items {
            let table = item.table!
            for key in table.keys where !ProjectConfiguration.environmentKeys.contains(key) && !ProjectConfiguration.settingKeys.contains(key) {
                let known = Array(ProjectConfiguration.environmentKeys.union(ProjectConfiguration.settingKeys))
                log.error("unknown key '\(key)' in an environment\(DidYouMean.hint(for: key, among: known))", at: table.member(key)!.keyLocation)
            }
            guard let nameMember = table.member("name"), let name = nameMember.node.string else {
                log.error("an environment needs a name (name = \"dev\")", at: item.location)
                continue
            }
            guard name.range(of: "^[A-Za-z0-9_-]+$", options: .regularExpression) != nil else {
                log.error("environment name '\(name)' may only hold letters, digits, '-' and '_'", at: nameMember.node.location)
                continue
            }
            if let first = seen[name] {
                log.error("environment '\(name)' is defined twice (first at \(first))", at: nameMember.node.location)
                continue
            }
            seen[name] = nameMember.node.location
            guard let backendMember = table.member("backend") else {
                log.error("environment '\(name)' needs a backend: local, prefect or airflow", at: item.location)
                continue
            }
            guard let backend = backendMember.node.string.flatMap(Backend.init(rawValue:)) else {
                log.error("backend must be local, prefect or airflow", at: backendMember.node.location)
                continue
            }
            let allowed = backend == .airflow ? ProjectConfiguration.airflowSettingKeys : ProjectConfiguration.settingKeys
            for key in table.keys where ProjectConfiguration.settingKeys.contains(key) && !allowed.contains(key) {
                log.error("'\(key)' does not apply to an Airflow environment (the DAG's code sets it)", at: table.member(key)!.keyLocation)
            }
            if backend != .airflow {
                for key in ["dags-folder", "bundle"] where table[key] != nil {
                    log.error("'\(key)' applies to Airflow environments only", at: table.member(key)!.keyLocation)
                }
            }
            var environment = Environment(name: name, backend: backend, apiURL: optionalString(table, "api-url"),
                dagsFolder: optionalString(table, "dags-folder"), bundle: optionalString(table, "bundle"),
                settings: readSettings(table, allowed: allowed.union(ProjectConfiguration.environmentKeys), what: "environment '\(name)'",
                    reportUnknown: false),
                location: item.location)
            if let apiURL = environment.apiURL, URL(string: apiURL)?.scheme?.hasPrefix("http") != true {
                log.error("api-url must be an http(s) URL", at: table["api-url"]!.location)
                environment.apiURL = nil
            }
            checkSharedParameters(environment.settings.parameters, in: table)
            environments.append(environment)
        }
        return environments
    }

    // MARK: Flows

    private func readFlows(_ table: TOMLTable, environments: [Environment]) -> [String: FlowConfiguration] {
        var result: [String: FlowConfiguration] = [:]
        let names = flowsByName.keys.sorted()
        for member in table.members {
            guard let flows = flowsByName[member.key] else {
                log.error("no flow or DAG is named '\(member.key)'\(DidYouMean.hint(for: member.key, among: names))", at: member.keyLocation)
                continue
            }
            guard let flowTable = member.node.table else {
                log.error("[flows.\(member.key)] must be a table", at: member.node.location)
                continue
            }
            let allowed = flows.contains { $0.kind == .prefect } ? ProjectConfiguration.settingKeys : ProjectConfiguration.airflowSettingKeys
            let settings = readSettings(flowTable, allowed: allowed.union(["environments"]), what: "flow '\(member.key)'")
            checkFlowParameters(settings.parameters, in: flowTable, flows: flows)
            var perEnvironment: [String: FlowSettings] = [:]
            if let environmentsMember = flowTable.member("environments") {
                if let environmentTables = environmentsMember.node.table {
                    for entry in environmentTables.members {
                        guard environments.contains(where: { $0.name == entry.key }) else {
                            log.error("no environment is named '\(entry.key)'\(DidYouMean.hint(for: entry.key, among: environments.map(\.name)))",
                                at: entry.keyLocation)
                            continue
                        }
                        guard let overrides = entry.node.table else {
                            log.error("[flows.\(member.key).environments.\(entry.key)] must be a table", at: entry.node.location)
                            continue
                        }
                        let environmentSettings = readSettings(overrides, allowed: allowed, what: "flow '\(member.key)' in '\(entry.key)'")
                        checkFlowParameters(environmentSettings.parameters, in: overrides, flows: flows)
                        perEnvironment[entry.key] = environmentSettings
                    }
                } else {
                    log.error("'environments' of a flow must be a table of environment names", at: environmentsMember.node.location)
                }
            }
            result[member.key] = FlowConfiguration(settings: settings, environments: perEnvironment, location: member.keyLocation)
        }
        return result
    }

    // MARK: Parameters

    /// Flow-level parameters must be in the flow's signature and fit its schema.
    private func checkFlowParameters(_ parameters: [String: JSONValue]?, in table: TOMLTable, flows: [Flow]) {
        guard let parameters, let locations = table["parameters"]?.table else { return }
        for flow in flows where flow.kind == .prefect {
            let accepted = flow.schemaParameterNames
            for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
                let location = locations.member(key)!.keyLocation
                guard accepted.contains(key) else {
                    log.error("flow '\(flow.name!)' has no parameter '\(key)'\(DidYouMean.hint(for: key, among: accepted))", at: location)
                    continue
                }
                if let problem = schemaProblem(value, parameter: key, of: flow) {
                    log.error("parameter '\(key)' of flow '\(flow.name!)': \(problem)", at: locations[key]!.location)
                }
            }
        }
    }

    /// Defaults and environment parameters go to the flows that take them: each
    /// must be taken by some flow, and fit the schema of every flow that takes it.
    private func checkSharedParameters(_ parameters: [String: JSONValue]?, in table: TOMLTable) {
        guard let parameters, let locations = table["parameters"]?.table else { return }
        let prefectFlows = flowsByName.values.joined().filter { $0.kind == .prefect }.sorted(by: Flow.manifestOrder)
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
            let takers = prefectFlows.filter { $0.schemaParameterNames.contains(key) }
            guard !takers.isEmpty else {
                let all = Set(prefectFlows.flatMap(\.schemaParameterNames)).sorted()
                log.error("no flow has a parameter '\(key)'\(DidYouMean.hint(for: key, among: all))", at: locations.member(key)!.keyLocation)
                continue
            }
            for flow in takers {
                if let problem = schemaProblem(value, parameter: key, of: flow) {
                    log.error("parameter '\(key)' of flow '\(flow.name!)': \(problem)", at: locations[key]!.location)
                    break
                }
            }
        }
    }

    private func schemaProblem(_ value: JSONValue, parameter: String, of flow: Flow) -> String? {
        guard let schema = flow.parameterSchema["properties"]?[parameter] else { return nil }
        return ParameterCheck.problem(value, schema: schema, definitions: flow.parameterSchema["definitions"]?.objectValue ?? [:])
    }

    // MARK: Settings

    func readSettings(_ table: TOMLTable, allowed: Set<String>, what: String, reportUnknown: Bool = true) -> FlowSettings {
        var settings = FlowSettings()
        for member in table.members {
            let node = member.node
            if reportUnknown && !allowed.contains(member.key) {
                if ProjectConfiguration.settingKeys.contains(member.key) {
                    log.error("'\(member.key)' does not apply to Airflow DAGs (the DAG's code sets it)", at: member.keyLocation)
                } else {
                    log.error("unknown key '\(member.key)' in \(what)\(DidYouMean.hint(for: member.key, among: Array(allowed)))",
                        at: member.keyLocation)
                }
                continue
            }
            switch member.key {
            case "deploy": settings.deploy = bool(node, member.key)
            case "paused": settings.paused = bool(node, member.key)
            case "description": settings.description = string(node, member.key)
            case "work-pool": settings.workPool = string(node, member.key)
            case "work-queue": settings.workQueue = string(node, member.key)
            case "image": settings.image = string(node, member.key)
            case "tags":
                if let items = node.array, items.allSatisfy({ $0.string != nil }) {
                    settings.tags = items.compactMap(\.string)
                } else {
                    log.error("'tags' must be a list of strings", at: node.location)
                }
            case "concurrency-limit":
                if case .integer(let limit) = node.value, limit > 0 { settings.concurrencyLimit = limit } else {
                    log.error("'concurrency-limit' must be a positive whole number", at: node.location)
                }
            case "parameters", "job-variables":
                guard let parameterTable = node.table else {
                    log.error("'\(member.key)' must be a table", at: node.location)
                    continue
                }
                let json = TOMLConversion.json(parameterTable).objectValue ?? [:]
                if member.key == "parameters" { settings.parameters = json } else { settings.jobVariables = json }
            case "pull":
                if let items = node.array, items.allSatisfy({ $0.table != nil }) {
                    settings.pull = items.map { TOMLConversion.json($0.table!) }
                } else {
                    log.error("'pull' must be a list of Prefect pull steps ({ \"prefect.deployments.steps.git_clone\" = { ... } })",
                        at: node.location)
                }
            case "schedules":
                settings.schedules = readSchedules(node)
            default:
                break
            }
        }
        return settings
    }

    private func readSchedules(_ node: TOMLNode) -> [Schedule]? {
        guard let items = node.array, items.allSatisfy({ $0.table != nil }) else {
            log.error("'schedules' must be a list of tables: [{ cron = \"0 6 * * *\", timezone = \"Europe/Berlin\" }]", at: node.location)
            return nil
        }
        return items.compactMap { ScheduleReader(log: log).schedule($0.table!, at: $0.location) }
    }

    private func bool(_ node: TOMLNode, _ key: String) -> Bool? {
        if case .boolean(let value) = node.value { return value }
        log.error("'\(key)' must be true or false", at: node.location)
        return nil
    }

    private func string(_ node: TOMLNode, _ key: String) -> String? {
        if let text = node.string { return text }
        log.error("'\(key)' must be a string", at: node.location)
        return nil
    }

    private func optionalString(_ table: TOMLTable, _ key: String) -> String? {
        guard let node = table[key] else { return nil }
        return string(node, key)
    }
}

/// TOML values as the JSON they stand for in prefect.yaml (dates stay text).
enum TOMLConversion {
    static func json(_ table: TOMLTable) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: table.members.map { ($0.key, json($0.node.value)) }))
    }

    static func json(_ value: TOMLValue) -> JSONValue {
        switch value {
        case .string(let text), .dateTime(let text): .string(text)
        case .integer(let number): .int(number)
        case .float(let number): .double(number)
        case .boolean(let flag): .bool(flag)
        case .array(let items): .array(items.map { json($0.value) })
        case .table(let table): json(table)
        }
    }
}

extension Flow {
    /// The parameters a deployment may set: the properties of the schema Prefect
    /// enforces (`**kwargs` is one object-valued parameter, as in Prefect 3.9).
    public var schemaParameterNames: [String] {
        (parameterSchema["properties"]?.objectValue?.keys).map { $0.sorted() } ?? []
    }
}
