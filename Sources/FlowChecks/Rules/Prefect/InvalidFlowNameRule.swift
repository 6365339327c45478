import FlowDiscovery

/// A Prefect flow name with characters the server rejects.
struct InvalidFlowNameRule: Rule {
    let code = "PFX102"
    let name = "invalid-flow-name"
    let severity = Severity.error
    let documentation = RuleDocumentation(
        what: "Reports flow names containing `/`, `%`, `&`, `>` or `<`.",
        why: "The Prefect server answers 422 for such names, so the flow can never be deployed.",
        example: #"""
            from prefect import flow


            @flow(name="etl/daily")
            def etl():
                """Loads the orders."""
            """#,
        fix: "Use letters, digits, `-`, `_`, spaces: `@flow(name=\"etl-daily\")`.",
        fixedExample: #"""
            from prefect import flow


            @flow(name="etl-daily")
            def etl():
                """Loads the orders."""
            """#)

    func check(_ project: Project) -> [Finding] {
        project.prefectFlows.compactMap { flow in
            guard let name = flow.name, let bad = name.first(where: { "/%&><".contains($0) }) else { return nil }
            return finding("flow name '\(name)' contains '\(bad)', which Prefect rejects", at: flow)
        }
    }
}
