import FlowDiscovery

/// A Prefect flow without a description (opt-in).
struct MissingDescriptionRule: Rule {
    let code = "PFX105"
    let name = "missing-flow-description"
    let severity = Severity.warning
    let enabledByDefault = false
    let documentation = RuleDocumentation(
        what: "Reports flows with neither `description=` nor a docstring.",
        why: "The description is what the Prefect UI and acme-portal show next to the flow.",
        example: #"""
            from prefect import flow


            @flow
            def etl():
                pass
            """#,
        fix: "Add a docstring or `description=`.",
        fixedExample: #"""
            from prefect import flow


            @flow
            def etl():
                """Loads the orders."""
            """#)

    func check(_ project: Project) -> [Finding] {
        project.prefectFlows.filter { ($0.description ?? "").isEmpty }.map {
            finding("flow '\($0.name ?? $0.function)' has no description", at: $0)
        }
    }
}
