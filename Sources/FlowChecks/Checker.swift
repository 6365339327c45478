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

    /// Selected by its own code or name (not by `ALL`): a rule quiet in test code then checks it too.
    func selectsByName(_ rule: any Rule) -> Bool {
        select.contains { $0 == rule.code || $0 == rule.name }
    }
}

/// Runs the selected rules over a scan and returns their findings in report order.
public struct Checker: Sendable {
    public let selection: RuleSelection
    /// Severity overrides by rule code or name.
    public let severities: [String: Severity]

    public init(selection: RuleSelection = RuleSelection(), severities: [String: Severity] = [:]) {
        self.selection = selection
        self.severities = severities
    }

    public var rules: [any Rule] { RuleRegistry.all.filter(selection.includes) }

    private func overridingSeverity(_ finding: Finding) -> Finding {
        let name = RuleRegistry.rule(finding.code)?.name ?? finding.code
        guard let severity = severities[finding.code] ?? severities[name] else { return finding }
        return Finding(code: finding.code, severity: severity, message: finding.message, file: finding.file,
            line: finding.line, column: finding.column)
    }

    /// `reportedFiles`: when given, only findings in the files it accepts are kept (`check FILE`:
    /// the rules still see every flow, and the rest is dropped before it costs anything more).
    public func check(_ project: Project, reportedFiles: ((String) -> Bool)? = nil) -> [Finding] {
        let rules = self.rules
        let withoutTests = project.withoutTestCode
        var findings = rules.flatMap { rule in
            rule.check(rule.quietInTestCode && !selection.selectsByName(rule) ? withoutTests : project)
        }
        if let reportedFiles { findings = findings.filter { reportedFiles($0.file) } }
        let reportUnused = rules.contains { $0.code == Suppressions.unusedCode }
        return Suppressions.apply(project.suppressions, to: findings, flows: project.flows)
            .filter { reportUnused || $0.code != Suppressions.unusedCode }
            .map(overridingSeverity)
            .sorted(by: Finding.order)
    }
}
