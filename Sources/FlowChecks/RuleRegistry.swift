/// Every rule acme-scan knows, in code order. Adding a rule means adding
/// its file and listing it here.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        UnreadableFileRule(),
        SyntaxErrorRule(),
        NestingTooDeepRule(),
        UnusedSuppressionRule(),
        NamePatternRule(),
        UncalledDagFunctionRule(),
        UnregisteredDagRule(),
        RemovedArgumentRule(),
        RemovedImportRule(),
        SkippedBySafeModeRule(),
        DuplicateDagIDRule(),
        InvalidDagIDRule(),
        MissingScheduleRule(),
        CatchupWithoutStartDateRule(),
        RuntimeValueInArgumentsRule(),
        LongTagRule(),
        DuplicateTaskIDRule(),
        DependencyCycleRule(),
        RequiredTagsRule(),
        OwnerRule(),
        MinimumRetriesRule(),
        UnresolvedFlowNameRule(),
        DuplicateFlowNameRule(),
        InvalidFlowNameRule(),
        VariadicPositionalRule(),
        NonJSONDefaultRule(),
        MissingDescriptionRule(),
        MissingAnnotationRule(),
    ]

    /// The rule with this code (any case) or name.
    public static func rule(_ code: String) -> (any Rule)? {
        byCodeOrName[code.uppercased()] ?? byCodeOrName[code]
    }

    /// Asked once per finding: a dictionary, not a case-insensitive scan of every rule.
    private static let byCodeOrName: [String: any Rule] = Dictionary(
        all.map { ($0.code.uppercased(), $0) } + all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}
