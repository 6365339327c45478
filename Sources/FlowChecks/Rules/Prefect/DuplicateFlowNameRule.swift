import FlowDiscovery

/// Two Prefect flows registering the same name.
struct DuplicateFlowNameRule: Rule {
    let code = "PFX101"
    let name = "duplicate-flow-name"
    let severity = Severity.error
    let quietInTestCode = true
    let documentation = RuleDocumentation(
        what: "Reports Prefect flows in different places that register the same flow name. Test code (`test_*.py`, `*_test.py`, `conftest.py`, `test_*` functions) is left out unless the rule is selected by code or name.",
        why: "Prefect keys deployments on (flow name, deployment name): two flows with one name share deployments, and the last deploy silently points them at the other flow's code.",
        example: #"""
            # a.py
            from prefect import flow


            @flow(name="etl")
            def load():
                """Loads the orders."""
            # b.py
            from prefect import flow


            @flow(name="etl")
            def export():
                """Exports the orders."""
            """#,
        fix: "Give each flow its own `name=`.",
        fixedExample: #"""
            # a.py
            from prefect import flow


            @flow(name="etl")
            def load():
                """Loads the orders."""
            # b.py
            from prefect import flow


            @flow(name="etl-export")
            def export():
                """Exports the orders."""
            """#)

    func check(_ project: Project) -> [Finding] {
        let named = project.prefectFlows(acrossFiles: true).filter { $0.name != nil && !$0.dynamic }
        let groups = Dictionary(grouping: named, by: { $0.name! }).filter { $0.value.count > 1 }
        return groups.flatMap { name, flows in
            flows.map { flow in
                let others = flows.filter { $0.id != flow.id }.map { "\($0.file):\($0.line)" }.sorted()
                return finding("flow name '\(name)' is also registered at \(others.joined(separator: ", "))", at: flow)
            }
        }
    }
}
