import FlowDiscovery

/// A Prefect flow name that only running the code could tell.
struct UnresolvedFlowNameRule: Rule {
    let code = "PFX001"
    let name = "unresolved-flow-name"
    let severity = Severity.warning
    let documentation = RuleDocumentation(
        what: "Reports flows whose `name=` is not a literal, a module constant, or an f-string or `+` of those.",
        why: "Deployments are addressed by flow name. A name computed at import time (from the environment, a function) can differ between machines, so deployments made in CI may not match the code.",
        example: #"""
            import os

            from prefect import flow


            @flow(name=os.environ["FLOW_NAME"])
            def etl():
                """Loads the orders."""
            """#,
        fix: "Use a literal or a module-level constant: `@flow(name=\"etl-daily\")`.",
        fixedExample: #"""
            from prefect import flow


            @flow(name="etl-daily")
            def etl():
                """Loads the orders."""
            """#)

    func check(_ project: Project) -> [Finding] { forwarding([.prefectUnresolvedName], from: project) }
}
