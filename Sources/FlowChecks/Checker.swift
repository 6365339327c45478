import FlowDiscovery

/// Which rules run: the defaults, plus `select`, minus `ignore` (codes or names).
public struct RuleSelection: Sendable {
    public var select: [String]
    public var ignore: [String]

    public init(select: [String] = [], ignore: [String] = []) {
        self.select = select
        self.ignore = ignore
    }

    func includes(_ rule: any Rule) -> Bool {
        let named = { (list: [String]) in list.contains { $0 == rule.code || $0 == rule.name || $0 == "ALL" } }
        if named(ignore) { return false }
        return rule.enabledByDefault || named(select)
    }
}

/// Runs the selected rules over a scan and returns their findings in report order.
public struct Checker: Sendable {
    public let selection: RuleSelection

    public init(selection: RuleSelection = RuleSelection()) {
        self.selection = selection
    }

    public var rules: [any Rule] { RuleRegistry.all.filter(selection.includes) }

    public func check(_ project: Project) -> [Finding] {
        let rules = self.rules
        let findings = rules.flatMap { $0.check(project) }
        let reportUnused = rules.contains { $0.code == Suppressions.unusedCode }
        return Suppressions.apply(project.suppressions, to: findings, flows: project.flows)
            .filter { reportUnused || $0.code != Suppressions.unusedCode }
            .sorted(by: Finding.order)
    }
}
