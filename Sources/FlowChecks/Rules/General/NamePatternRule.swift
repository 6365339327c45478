import FlowDiscovery
import Foundation

/// Policy: flow names and dag_ids follow a pattern (opt-in; `name-pattern`).
struct NamePatternRule: Rule {
    let code = "ACS102"
    let name = "name-pattern"
    let severity = Severity.warning
    let enabledByDefault = false
    let documentation = RuleDocumentation(
        what: "Reports Prefect flow names and dag_ids that do not match the `name-pattern` regular expression.",
        why: "A naming convention (a team prefix, kebab-case) keeps a shared server navigable.",
        example: #"""
            # acme.toml
            name-pattern = "^data-"
            # flows.py
            from prefect import flow


            @flow(name="etl")
            def etl():
                """Loads the orders."""
            """#,
        fix: "Rename the flow or DAG to match.",
        fixedExample: #"""
            # acme.toml
            name-pattern = "^data-"
            # flows.py
            from prefect import flow


            @flow(name="data-etl")
            def etl():
                """Loads the orders."""
            """#)

    func check(_ project: Project) -> [Finding] {
        guard let pattern = project.policy.namePattern, let expression = try? NSRegularExpression(pattern: pattern) else {
            return []
        }
        return project.flows.compactMap { flow in
            guard let name = flow.name,
                expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) == nil
            else { return nil }
            return finding("'\(name)' does not match the name pattern \(pattern)", at: flow)
        }
    }
}
