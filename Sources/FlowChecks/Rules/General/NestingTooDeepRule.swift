import FlowDiscovery

/// Code nested deeper than acme-scan reads, or a file it could not parse safely.
struct NestingTooDeepRule: Rule {
    let code = "ACS007"
    let name = "nesting-too-deep"
    let severity = Severity.warning
    let documentation = RuleDocumentation(
        what: "Reports code nested more than 1,000 levels deep (brackets, operators, assignment targets), where acme-scan stops reading, and files that end with more than 10,000 unfinished levels, which it does not parse at all.",
        why: "Such code is generated or hostile: CPython itself refuses more than 200 nested brackets and about 3,000 nested operators. acme-scan reads around it instead of crashing, but flows, tasks or values inside it are missing from the results.",
        example: """
            $ printf 'from prefect import flow\\n\\n@flow\\ndef etl(limits=' > etl.py
            $ python3 -c "print('(' * 1001 + '1' + ')' * 1001 + '):\\n    pass')" >> etl.py
            """,
        fix: "Generate flatter code: build deep values in a loop at run time, or load them from a data file.")

    func check(_ project: Project) -> [Finding] { forwarding([.nestingTooDeep], from: project) }
}
