import FlowDiscovery
import PythonSyntax
import TOMLSyntax

extension ProjectConfiguration {
    /// What only the scanned flows can tell: that each `[flows.NAME]` names a flow,
    /// that its settings apply to that kind of flow, and that configured parameters
    /// are in the flows' signatures and fit their schemas.
    public func validate(against flows: [Flow]) -> [ConfigProblem] {
        guard let file else { return [] }
        let log = ProblemLog(path: file.path)
        FlowValidation(log: log, flows: flows).validate(file.table)
        return log.problems
    }
}

private struct FlowValidation {
    typealias Keys = SettingKeys
    let log: ProblemLog
    let flowsByName: [String: [Flow]]

    init(log: ProblemLog, flows: [Flow]) {
        self.log = log
        flowsByName = Dictionary(grouping: flows.filter { $0.name != nil }, by: { $0.name! })
    }

    func validate(_ top: TOMLTable) {
        if let defaults = top[Keys.defaults.name]?.table { checkSharedParameters(in: defaults) }
        for item in top[Keys.environments.name]?.array ?? [] {
            if let table = item.table { checkSharedParameters(in: table) }
        }
        guard let flowTables = top[Keys.flows.name]?.table else { return }
        let names = flowsByName.keys.sorted()
        for member in flowTables.members {
            guard let table = member.node.table else { continue }
            guard let flows = flowsByName[member.key] else {
                log.error("no flow or DAG is named '\(member.key)'\(DidYouMean.hint(for: member.key, among: names))",
                    at: member.keyLocation, key: Keys.flows)
                continue
            }
            var levels = [table]
            for entry in table[Keys.flowEnvironments.name]?.table?.members ?? [] {
                if let overrides = entry.node.table { levels.append(overrides) }
            }
            let backends = Set(flows.map { Backend(kind: $0.kind) })
            for level in levels {
                checkApplies(level, to: backends)
                checkFlowParameters(in: level, flows: flows)
            }
        }
    }

    /// A DAG's code sets its schedule, parameters and arguments: settings for Prefect
    /// deployments do not apply to it.
    private func checkApplies(_ table: TOMLTable, to backends: Set<Backend>) {
        for member in table.members {
            guard let key = Keys.key(member.key, in: .flowSettings), key.backends.isDisjoint(with: backends) else { continue }
            log.error("'\(key.name)' does not apply to Airflow DAGs (the DAG's code sets it)", at: member.keyLocation, key: key)
        }
    }

    /// The parameter tables of one level: its `parameters` and each schedule's.
    private func parameterTables(in table: TOMLTable) -> [TOMLTable] {
        let schedules = (table[Keys.schedules.name]?.array ?? []).compactMap { $0.table?[Keys.scheduleParameters.name]?.table }
        return [table[Keys.parameters.name]?.table].compactMap { $0 } + schedules
    }

    /// Flow-level parameters (the deployment's and its schedules') must be in the flow's signature and fit its schema.
    private func checkFlowParameters(in table: TOMLTable, flows: [Flow]) {
        for locations in parameterTables(in: table) { checkFlowParameters(locations, flows: flows) }
    }

    private func checkFlowParameters(_ locations: TOMLTable, flows: [Flow]) {
        let parameters = TOMLConversion.json(locations).objectValue ?? [:]
        for flow in flows where flow.kind == .prefect {
            let accepted = flow.schemaParameterNames
            for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
                let location = locations.member(key)!.keyLocation
                guard accepted.contains(key) else {
                    log.error("flow '\(flow.name!)' has no parameter '\(key)'\(DidYouMean.hint(for: key, among: accepted))", at: location,
                        key: Keys.parameters)
                    continue
                }
                if let problem = schemaProblem(value, parameter: key, of: flow) {
                    log.error("parameter '\(key)' of flow '\(flow.name!)': \(problem)", at: locations[key]!.location, key: Keys.parameters)
                }
            }
        }
    }

    /// Defaults and environment parameters go to the flows that take them: each
    /// must be taken by some flow, and fit the schema of every flow that takes it.
    private func checkSharedParameters(in table: TOMLTable) {
        for locations in parameterTables(in: table) { checkSharedParameters(locations) }
    }

    private func checkSharedParameters(_ locations: TOMLTable) {
        let parameters = TOMLConversion.json(locations).objectValue ?? [:]
        let prefectFlows = flowsByName.values.joined().filter { $0.kind == .prefect }.sorted(by: Flow.manifestOrder)
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
            let takers = prefectFlows.filter { $0.schemaParameterNames.contains(key) }
            guard !takers.isEmpty else {
                let all = Set(prefectFlows.flatMap(\.schemaParameterNames)).sorted()
                log.error("no flow has a parameter '\(key)'\(DidYouMean.hint(for: key, among: all))", at: locations.member(key)!.keyLocation,
                    key: Keys.parameters)
                continue
            }
            for flow in takers {
                if let problem = schemaProblem(value, parameter: key, of: flow) {
                    log.error("parameter '\(key)' of flow '\(flow.name!)': \(problem)", at: locations[key]!.location, key: Keys.parameters)
                    break
                }
            }
        }
    }

    private func schemaProblem(_ value: JSONValue, parameter: String, of flow: Flow) -> String? {
        guard let schema = flow.parameterSchema["properties"]?[parameter] else { return nil }
        return ParameterCheck.problem(value, schema: schema, definitions: flow.parameterSchema["definitions"]?.objectValue ?? [:])
    }
}
