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

    public static func rule(_ code: String) -> (any Rule)? {
        all.first { $0.code.caseInsensitiveCompare(code) == .orderedSame || $0.name == code }
    }
}

import Foundation
