import PythonSyntax

/// One flow in one environment.
struct FlowInEnvironment: Hashable, Comparable {
    var flow: String
    var environment: String

    static func < (a: FlowInEnvironment, b: FlowInEnvironment) -> Bool { (a.flow, a.environment) < (b.flow, b.environment) }
}

/// Puts every setting at the most general level that holds it, so the acme.toml reads
/// as the team would write it: a value every deployment shares goes to `[defaults]`,
/// one all of a flow's environments share to the flow, one that several flows of an
/// environment share (and their flows do not settle) to the environment, and the rest
/// to the flow in its environment. Flows come before environments because a monorepo's
/// pipelines share by flow (each its image and steps), not by environment.
///
/// A level gets a value only when every deployment below it has exactly that value, so
/// no stronger level ever has to undo one: acme.toml has no way to unset a setting, and
/// merged settings (parameters, job variables, tags) are placed part by part.
struct SettingsPlacement: Equatable {
    var defaults: [SettingSlot: JSONValue] = [:]
    var environments: [String: [SettingSlot: JSONValue]] = [:]
    var flows: [String: [SettingSlot: JSONValue]] = [:]
    var flowEnvironments: [FlowInEnvironment: [SettingSlot: JSONValue]] = [:]

    /// `settings` holds every deployment there is (the pairs) and its settings.
    init(_ settings: [FlowInEnvironment: [SettingSlot: JSONValue]]) {
        let pairs = settings.keys.sorted()
        let slots = Set(settings.values.flatMap(\.keys)).sorted()
        for slot in slots { place(slot, settings, pairs) }
    }

    init() {}

    private mutating func place(_ slot: SettingSlot, _ settings: [FlowInEnvironment: [SettingSlot: JSONValue]], _ pairs: [FlowInEnvironment]) {
        let value = { (pair: FlowInEnvironment) in settings[pair]?[slot] }
        if let shared = Self.shared(pairs.map(value)) {
            defaults[slot] = shared
            return
        }
        var byFlow: [String: JSONValue] = [:]
        for (flow, group) in Dictionary(grouping: pairs, by: \.flow) {
            if let shared = Self.shared(group.map(value)) { byFlow[flow] = shared }
        }
        // What the flows leave open, several flows of one environment may share (its tag, its work pool).
        var byEnvironment: [String: JSONValue] = [:]
        let open = pairs.filter { byFlow[$0.flow] == nil }
        for (environment, group) in Dictionary(grouping: open, by: \.environment) where group.count >= 2 {
            if let shared = Self.shared(group.map(value)) { byEnvironment[environment] = shared }
        }
        for (environment, shared) in byEnvironment { environments[environment, default: [:]][slot] = shared }
        for (flow, shared) in byFlow { flows[flow, default: [:]][slot] = shared }
        for pair in pairs {
            guard let wanted = value(pair) else { continue }
            if (byFlow[pair.flow] ?? byEnvironment[pair.environment]) != wanted { flowEnvironments[pair, default: [:]][slot] = wanted }
        }
    }

    /// The one value all hold, or nil when one lacks it or two differ.
    private static func shared(_ values: [JSONValue?]) -> JSONValue? {
        guard let first = values.first ?? nil, values.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// Adds `other`'s values (placed over other pairs) to this placement.
    mutating func merge(_ other: SettingsPlacement) {
        defaults.merge(other.defaults) { _, new in new }
        for (key, values) in other.environments { environments[key, default: [:]].merge(values) { _, new in new } }
        for (key, values) in other.flows { flows[key, default: [:]].merge(values) { _, new in new } }
        for (key, values) in other.flowEnvironments { flowEnvironments[key, default: [:]].merge(values) { _, new in new } }
    }

    /// The settings a flow in an environment ends up with, the levels layered as acme.toml layers them.
    func resolved(_ pair: FlowInEnvironment) -> [SettingSlot: JSONValue] {
        [defaults, environments[pair.environment] ?? [:], flows[pair.flow] ?? [:], flowEnvironments[pair] ?? [:]]
            .reduce(into: [:]) { result, level in result.merge(level) { _, new in new } }
    }
}
