import FlowDiscovery

/// `*args` on a Prefect flow.
struct VariadicPositionalRule: Rule {
    let code = "PFX103"
    let name = "flow-var-positional"
    let severity = Severity.warning
    let documentation = RuleDocumentation(
        what: "Reports flows that take `*args`.",
        why: "Deployments pass parameters by name; values for `*args` can only be given as one list parameter, which callers and the UI rarely expect.",
        example: #"""
            from prefect import flow


            @flow
            def etl(*tables: str):
                """Loads the tables."""
            """#,
        fix: "Take a named list: `def etl(tables: list[str])`.",
        fixedExample: #"""
            from prefect import flow


            @flow
            def etl(tables: list[str]):
                """Loads the tables."""
            """#)

    func check(_ project: Project) -> [Finding] {
        project.prefectFlows.flatMap { flow in
            flow.parameters.filter { $0.kind == .varPositional }.map {
                finding("flow '\(flow.function)' takes *\($0.name); deployments pass parameters by name", at: flow)
            }
        }
    }
}
