import FlowDiscovery

/// A `# acme: ignore[CODE]` comment that silences nothing. The ``Checker``
/// finds these once every other rule has run; this type documents them and
/// lets them be selected or ignored like any rule.
struct UnusedSuppressionRule: Rule {
    let code = Suppressions.unusedCode
    let name = "unused-suppression"
    let severity = Severity.warning
    let documentation = RuleDocumentation(
        what: "Reports `# acme: ignore[CODE]` comments that suppress no finding, on their line or in the flow whose first line they are on.",
        why: "A stale suppression hides the next real problem of that kind on the same line.",
        example: #"""
            from prefect import flow


            @flow(name="etl")  # acme: ignore[PFX102]
            def etl():
                """Loads the orders."""
            """#,
        fix: "Remove the comment, or the code it no longer needs.",
        fixedExample: #"""
            from prefect import flow


            @flow(name="etl")
            def etl():
                """Loads the orders."""
            """#)

    func check(_ project: Project) -> [Finding] { [] }
}
