import TOMLSyntax

/// One table of the settings file checked against the keys declared for its
/// sections (``SettingKeys``): a key nobody declares is reported with "did you
/// mean", a value of the wrong shape with what it should be. What passes can be
/// read without checking its shape again.
struct DeclaredTable {
    let table: TOMLTable
    private var accepted: [String: TOMLTable.Member] = [:]

    /// `what` names the table in messages ("[defaults]", "environment 'dev'").
    /// `allowed` narrows the declared keys (settings that do not apply to a backend);
    /// `refuse` says why a declared key outside it is refused.
    init(_ table: TOMLTable, sections: [SettingSection], what: String, log: ProblemLog,
        allowed: ((SettingKey) -> Bool)? = nil, refuse: ((SettingKey) -> String)? = nil)
    {
        self.table = table
        let declared = sections.flatMap(SettingKeys.keys(in:))
        for member in table.members {
            guard let key = declared.first(where: { $0.name == member.key }) else {
                log.error("unknown key '\(member.key)'\(what.isEmpty ? "" : " in \(what)")\(Self.hint(for: member.key, sections: sections))",
                    at: member.keyLocation, key: nil)
                continue
            }
            if let allowed, !allowed(key) {
                log.error(refuse?(key) ?? "'\(key.name)' does not apply here", at: member.keyLocation, key: key)
                continue
            }
            if let problem = key.type.problem(with: member.node.value, key: key.name) {
                log.error(problem, at: member.node.location, key: key)
                continue
            }
            accepted[member.key] = member
        }
    }

    /// A flow setting written at the top level (or a typo of one) belongs one level down.
    private static func hint(for name: String, sections: [SettingSection]) -> String {
        let here = sections.flatMap(SettingKeys.keys(in:)).map(\.name)
        if let close = DidYouMean.suggestion(for: name, among: here) { return "; did you mean '\(close)'?" }
        if sections == [.top], let setting = DidYouMean.suggestion(for: name, among: SettingKeys.keys(in: .flowSettings).map(\.name)) {
            return (setting == name ? "" : "; did you mean '\(setting)'?") + " Flow settings go under [defaults], an environment or [flows.<name>]"
        }
        return ""
    }

    /// The member for `key` when it was written and passed the checks.
    func member(_ key: SettingKey) -> TOMLTable.Member? { accepted[key.name] }
    func node(_ key: SettingKey) -> TOMLNode? { accepted[key.name]?.node }

    func string(_ key: SettingKey) -> String? { node(key)?.string }
    func strings(_ key: SettingKey) -> [String]? { node(key)?.array?.compactMap(\.string) }
    func table(_ key: SettingKey) -> TOMLTable? { node(key)?.table }
    func tables(_ key: SettingKey) -> [TOMLNode]? { node(key)?.array }

    func bool(_ key: SettingKey) -> Bool? {
        if case .boolean(let flag)? = node(key)?.value { return flag }
        return nil
    }

    func integer(_ key: SettingKey) -> Int? {
        if case .integer(let number)? = node(key)?.value { return number }
        return nil
    }
}
