import FlowDiscovery

/// A parameter default that may not serialise to JSON.
struct NonJSONDefaultRule: Rule {
    let code = "PFX104"
    let name = "non-json-default"
    let severity = Severity.warning
    let documentation = RuleDocumentation(
        what: "Reports flow parameters whose default is not a literal (or a date, duration, path or UUID constructor of literals).",
        why: "Prefect stores defaults in the deployment's JSON schema; a value it cannot serialise is dropped from the schema, and one computed at import time (`datetime.now()`) is frozen at deploy time.",
        example: #"""
            from datetime import datetime

            from prefect import flow


            @flow
            def etl(since: datetime = datetime.now()):
                """Loads the orders changed since a date."""
            """#,
        fix: "Default to `None` and compute the value inside the flow.",
        fixedExample: #"""
            from datetime import datetime

            from prefect import flow


            @flow
            def etl(since: datetime | None = None):
                """Loads the orders changed since a date (default: now)."""
                since = since or datetime.now()
            """#)

    func check(_ project: Project) -> [Finding] {
        project.prefectFlows.flatMap { flow in
            flow.parameters.compactMap { parameter in
                parameter.defaultExpression.map {
                    finding("default of '\(parameter.name)' (\($0)) is not a JSON literal", at: flow)
                }
            }
        }
    }
}
