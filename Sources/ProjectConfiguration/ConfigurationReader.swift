import FlowChecks
import FlowDiscovery
import Foundation
import PythonSyntax
import TOMLSyntax

extension ProjectConfiguration {
    /// Reads every key of `file`, recording each problem with its place instead of
    /// stopping at the first. What needs the flows is checked by ``validate(against:)``.
    public static func read(_ file: SettingsFile) -> ProjectConfiguration {
        let log = ProblemLog(path: file.path)
        var configuration = ConfigurationReader(log: log).read(file)
        configuration.readingProblems = log.problems.sorted(by: ConfigProblem.inOrder)
        return configuration
    }
}

/// Reads the settings table section by section; shapes and unknown keys are
/// checked by ``DeclaredTable`` from the declarations, the rest here.
struct ConfigurationReader {
    typealias Keys = SettingKeys
    let log: ProblemLog

    func read(_ file: SettingsFile) -> ProjectConfiguration {
        var configuration = ProjectConfiguration(folder: file.folder)
        configuration.file = file
        configuration.path = file.path
        let top = DeclaredTable(file.table, sections: [.top], what: "", log: log)
        if let member = top.member(Keys.project) {
            if member.node.string!.isEmpty { log.error("'project' must not be empty", at: member.node.location, key: Keys.project) }
            else { configuration.projectName = member.node.string! }
        }
        configuration.packageVersion = top.string(Keys.packageVersion)
        configuration.acmeScanPath = top.string(Keys.acmeScanPath)
        configuration.registry = readRegistry(top, Keys.topRegistry)
        configuration.registryPasswordVariable = readVariableName(top, Keys.topRegistryPasswordVariable)
        if let layout = top.string(Keys.prefectYAML).flatMap(PrefectYAMLLayout.init(rawValue:)) { configuration.prefectYAMLLayout = layout }
        configuration.discovery = readDiscovery(top)
        configuration.check = readCheck(top)
        if let defaults = top.table(Keys.defaults) {
            configuration.defaults = readSettings(DeclaredTable(defaults, sections: [.flowSettings], what: "[defaults]", log: log))
        }
        if let items = top.tables(Keys.environments) { configuration.environments = readEnvironments(items) }
        if let flows = top.table(Keys.flows) {
            configuration.flows = readFlows(flows, environments: configuration.environments)
        }
        return configuration
    }

    // MARK: Discovery and check

    private func readDiscovery(_ top: DeclaredTable) -> DiscoverySettings {
        var discovery = DiscoverySettings()
        if let member = top.member(Keys.airflowVersion), case .integer(let version) = member.node.value {
            discovery.airflowVersion = version
            discovery.airflowVersionLocation = member.keyLocation
        }
        if let classes = top.member(Keys.dagClasses) {
            for item in classes.node.array! {
                let name = item.string!
                if name.split(separator: ".", omittingEmptySubsequences: false).count < 2
                    || name.split(separator: ".", omittingEmptySubsequences: false).contains(where: { !Self.isIdentifier($0) })
                {
                    log.error("'\(name)' is not a qualified class name such as \"mylib.dags.TeamDAG\"", at: item.location, key: Keys.dagClasses)
                } else {
                    discovery.dagClasses.append(name)
                }
            }
        }
        return discovery
    }

    private static func isIdentifier(_ part: Substring) -> Bool {
        guard let first = part.first, first == "_" || first.isLetter else { return false }
        return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }

    private func readCheck(_ top: DeclaredTable) -> CheckSettings {
        var check = CheckSettings()
        check.select = rules(top, Keys.select, allowAll: true)
        check.ignore = rules(top, Keys.ignore, allowAll: false)
        check.policy.requiredTags = top.strings(Keys.requiredTags) ?? []
        check.policy.allowedOwners = top.strings(Keys.allowedOwners) ?? []
        if let retries = top.integer(Keys.minimumRetries) { check.policy.minimumRetries = retries }
        if let member = top.member(Keys.namePattern) {
            if (try? NSRegularExpression(pattern: member.node.string!)) == nil {
                log.error("'name-pattern' must be a valid regular expression", at: member.node.location, key: Keys.namePattern)
            } else {
                check.policy.namePattern = member.node.string
            }
        }
        if let table = top.table(Keys.severity) {
            for entry in table.members {
                guard RuleRegistry.rule(entry.key) != nil else {
                    log.error("no rule is named '\(entry.key)'\(DidYouMean.hint(for: entry.key, among: RuleRegistry.all.map(\.code)))",
                        at: entry.keyLocation, key: Keys.severity)
                    continue
                }
                guard let text = entry.node.string, let severity = Severity(rawValue: text) else {
                    log.error("severity of '\(entry.key)' must be error, warning or info", at: entry.node.location, key: Keys.severity)
                    continue
                }
                check.severity[entry.key] = severity
            }
        }
        return check
    }

    /// Rule codes or names, each checked against the registry.
    private func rules(_ top: DeclaredTable, _ key: SettingKey, allowAll: Bool) -> [String] {
        guard let items = top.node(key)?.array else { return [] }
        return items.compactMap { item in
            let code = item.string!
            if (allowAll && code == "ALL") || RuleRegistry.rule(code) != nil { return code }
            log.error("no rule is named '\(code)'\(DidYouMean.hint(for: code, among: RuleRegistry.all.map(\.code)))",
                at: item.location, key: key)
            return nil
        }
    }

    // MARK: Environments

    private func readEnvironments(_ items: [TOMLNode]) -> [Environment] {
        var environments: [Environment] = []
        var seen: [String: TOMLLocation] = [:]
        for item in items {
            let table = item.table!
            // The backend decides which settings apply, so it is read first.
            let backendNode = table[Keys.backend.name]
            let backend = backendNode?.string.flatMap(Backend.init(rawValue:))
            let declared = DeclaredTable(table, sections: [.environment, .flowSettings],
                what: "environment \(table[Keys.environmentName.name]?.string.map { "'\($0)'" } ?? "")", log: log,
                allowed: { key in backend.map { key.backends.contains($0) } ?? true },
                refuse: { key in
                    key.section == .environment ? "'\(key.name)' applies to \(Self.list(key.backends)) environments only"
                        : "'\(key.name)' does not apply to an Airflow environment (the DAG's code sets it)"
                })
            guard let nameMember = declared.member(Keys.environmentName) else {
                if table[Keys.environmentName.name] == nil {
                    log.error("an environment needs a name (name = \"dev\")", at: item.location, key: Keys.environmentName)
                }
                continue
            }
            let name = nameMember.node.string!
            guard name.range(of: "^[A-Za-z0-9_-]+$", options: .regularExpression) != nil else {
                log.error("environment name '\(name)' may only hold letters, digits, '-' and '_'", at: nameMember.node.location,
                    key: Keys.environmentName)
                continue
            }
            if let first = seen[name] {
                log.error("environment '\(name)' is defined twice (first at \(first))", at: nameMember.node.location, key: Keys.environmentName)
                continue
            }
            seen[name] = nameMember.node.location
            guard let backend, declared.member(Keys.backend) != nil else {
                if backendNode == nil {
                    log.error("environment '\(name)' needs a backend: local, prefect or airflow", at: item.location, key: Keys.backend)
                }
                continue
            }
            var environment = Environment(name: name, backend: backend, apiURL: declared.string(Keys.apiURL),
                dagsFolder: declared.string(Keys.dagsFolder), bundle: declared.string(Keys.bundle),
                settings: readSettings(declared), location: item.location)
            environment.registry = readRegistry(declared, Keys.registry)
            environment.registryPasswordVariable = readVariableName(declared, Keys.registryPasswordVariable)
            environment.promotionGate = declared.string(Keys.promoteRequires).flatMap(PromotionGate.init(rawValue:))
            environment.authStringVariable = declared.string(Keys.authStringVariable)
            environment.apiKeyVariable = declared.string(Keys.apiKeyVariable)
            environment.writesInFlight = declared.integer(Keys.writesInFlight)
            environment.repository = declared.string(Keys.repository)
            // "." (or "/") is the whole project, said on purpose: kept as "", so nothing is inferred.
            environment.source = declared.string(Keys.source).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "/")) }
                .map { $0 == "." ? "" : $0 }
            environment.branch = declared.string(Keys.branch)
            environment.parseTimeout = declared.integer(Keys.parseTimeout)
            environment.usernameVariable = declared.string(Keys.usernameVariable)
            environment.passwordVariable = declared.string(Keys.passwordVariable)
            if backend == .airflow { checkAirflowMode(environment, declared: declared, at: item.location) }
            if let apiURL = environment.apiURL, URL(string: apiURL)?.scheme?.hasPrefix("http") != true {
                log.error("api-url must be an http(s) URL", at: declared.node(Keys.apiURL)!.location, key: Keys.apiURL)
                environment.apiURL = nil
            }
            environments.append(environment)
        }
        return environments
    }

    /// `registry`: a path, or a `postgresql://` URL; anything else URL-like is an error here, never a path.
    private func readRegistry(_ table: DeclaredTable, _ key: SettingKey) -> RegistrySetting? {
        guard let node = table.node(key) else { return nil }
        switch RegistrySetting.parse(node.string!) {
        case .success(let setting):
            return setting
        case .failure(let problem):
            log.error(problem.message, at: node.location, key: key)
            return nil
        }
    }

    /// A key naming an environment variable (never holding a secret).
    private func readVariableName(_ table: DeclaredTable, _ key: SettingKey) -> String? {
        guard let node = table.node(key), let name = node.string else { return nil }
        guard name.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
            log.error("'\(key.name)' must name an environment variable (letters, digits and _), not hold a value", at: node.location, key: key)
            return nil
        }
        return name
    }

    /// An Airflow environment publishes one way: files into `dags-folder`, or a branch a
    /// GitDagBundle (`bundle` with `repository`) tracks. `generate` can do without either.
    private func checkAirflowMode(_ environment: Environment, declared: DeclaredTable, at location: TOMLLocation) {
        if environment.dagsFolder != nil && environment.repository != nil {
            log.error("environment '\(environment.name)' sets both dags-folder and repository: publish to a folder or to a GitDagBundle's branch, not both",
                at: declared.node(Keys.repository)!.location, key: Keys.repository)
        }
        if environment.repository != nil && environment.bundle == nil {
            log.error("environment '\(environment.name)': repository needs bundle, the name of the GitDagBundle that tracks it",
                at: declared.node(Keys.repository)!.location, key: Keys.bundle)
        }
        // Without dags-folder yet, `source` still says what a dags-folder deploy will publish (init writes it so).
        if environment.source != nil && environment.repository != nil {
            log.error("environment '\(environment.name)': source applies to dags-folder mode (a GitDagBundle's `subdir` is Airflow's setting)",
                at: declared.node(Keys.source)!.location, key: Keys.source)
        }
        if environment.branch != nil && environment.repository == nil {
            log.error("environment '\(environment.name)': branch applies to a GitDagBundle's repository; set repository",
                at: declared.node(Keys.branch)!.location, key: Keys.repository)
        }
    }

    private static func list(_ backends: Set<Backend>) -> String {
        Backend.allCases.filter(backends.contains).map(\.rawValue).joined(separator: " and ")
    }

    // MARK: Flows

    /// Flow tables as written; whether each names a flow, and which settings apply
    /// to its kind, needs the scan (``ProjectConfiguration/validate(against:)``).
    private func readFlows(_ table: TOMLTable, environments: [Environment]) -> [String: FlowConfiguration] {
        var result: [String: FlowConfiguration] = [:]
        for member in table.members {
            guard let flowTable = member.node.table else {
                log.error("[flows.\(member.key)] must be a table", at: member.node.location, key: Keys.flows)
                continue
            }
            let declared = DeclaredTable(flowTable, sections: [.flowSettings, .flow], what: "flow '\(member.key)'", log: log)
            var perEnvironment: [String: FlowSettings] = [:]
            for entry in declared.table(Keys.flowEnvironments)?.members ?? [] {
                guard environments.contains(where: { $0.name == entry.key }) else {
                    log.error("no environment is named '\(entry.key)'\(DidYouMean.hint(for: entry.key, among: environments.map(\.name)))",
                        at: entry.keyLocation, key: Keys.flowEnvironments)
                    continue
                }
                guard let overrides = entry.node.table else {
                    log.error("[flows.\(member.key).environments.\(entry.key)] must be a table", at: entry.node.location,
                        key: Keys.flowEnvironments)
                    continue
                }
                perEnvironment[entry.key] = readSettings(DeclaredTable(overrides, sections: [.flowSettings],
                    what: "flow '\(member.key)' in '\(entry.key)'", log: log))
            }
            result[member.key] = FlowConfiguration(settings: readSettings(declared), environments: perEnvironment,
                location: member.keyLocation)
        }
        return result
    }

    // MARK: Settings

    func readSettings(_ table: DeclaredTable) -> FlowSettings {
        var settings = FlowSettings()
        settings.deploy = table.bool(Keys.deploy)
        settings.paused = table.bool(Keys.paused)
        settings.description = table.string(Keys.description)
        settings.workPool = table.string(Keys.workPool)
        settings.workQueue = table.string(Keys.workQueue)
        settings.image = table.string(Keys.image)
        settings.tags = table.strings(Keys.tags)
        settings.concurrencyLimit = table.integer(Keys.concurrencyLimit)
        settings.parameters = table.table(Keys.parameters).map { TOMLConversion.json($0).objectValue ?? [:] }
        settings.jobVariables = table.table(Keys.jobVariables).map { TOMLConversion.json($0).objectValue ?? [:] }
        settings.pull = table.tables(Keys.pull).map { $0.map { TOMLConversion.json($0.table!) } }
        settings.build = table.tables(Keys.build).map { $0.map { TOMLConversion.json($0.table!) } }
        settings.push = table.tables(Keys.push).map { $0.map { TOMLConversion.json($0.table!) } }
        if let member = table.member(Keys.deploymentName) {
            let name = member.node.string!
            if name.isEmpty || name.contains(where: { "/%&><".contains($0) }) {
                log.error("deployment-name '\(name)' must not be empty or hold / % & > < (Prefect rejects them)", at: member.node.location,
                    key: Keys.deploymentName)
            } else {
                settings.deploymentName = name
            }
        }
        settings.schedules = table.tables(Keys.schedules).map { items in
            var seen = Set<String>()
            return items.compactMap { item -> Schedule? in
                guard let schedule = ScheduleReader(log: log).schedule(item.table!, at: item.location) else { return nil }
                if let slug = schedule.slug, !seen.insert(slug).inserted {
                    log.error("two schedules have the slug '\(slug)': a deployment's slugs must be unique", at: item.location, key: Keys.slug)
                }
                return schedule
            }
        }
        return settings
    }
}

/// TOML values as the JSON they stand for in prefect.yaml (dates stay text).
public enum TOMLConversion {
    public static func json(_ table: TOMLTable) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: table.members.map { ($0.key, json($0.node.value)) }))
    }

    public static func json(_ value: TOMLValue) -> JSONValue {
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
