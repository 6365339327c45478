import FlowDiscovery

/// A flow parameter without a type annotation (opt-in).
struct MissingAnnotationRule: Rule {
    let code = "PFX106"
    let name = "missing-parameter-annotation"
    let severity = Severity.warning
    let enabledByDefault = false
    let documentation = RuleDocumentation(
        what: "Reports flow parameters without a type annotation.",
        why: "Without one, the parameter schema accepts any value, so Prefect cannot validate runs or render a form field.",
        example: #"""
            from prefect import flow


            @flow
            def etl(limit=10):
                """Loads at most `limit` orders."""
            """#,
        fix: "Annotate it: `def etl(limit: int = 10)`.",
        fixedExample: #"""
            from prefect import flow


            @flow
            def etl(limit: int = 10):
                """Loads at most `limit` orders."""
            """#)

    func check(_ project: Project) -> [Finding] {
        project.prefectFlows.flatMap { flow in
            flow.parameters.filter { $0.annotation == nil }.map {
                finding("parameter '\($0.name)' of flow '\(flow.function)' has no type annotation", at: flow)
            }
        }
    }
}
