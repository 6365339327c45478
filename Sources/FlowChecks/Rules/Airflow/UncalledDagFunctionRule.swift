import FlowDiscovery

/// An `@dag` function never called.
struct UncalledDagFunctionRule: Rule {
    let code = "AFX001"
    let name = "uncalled-dag-function"
    let severity = Severity.error
    let quietInTestCode = true
    let documentation = RuleDocumentation(
        what: "Reports `@dag` functions that are never called at module level. Test code is left out unless the rule is selected by code or name.",
        why: "Airflow registers a DAG only when the decorated function is called; without the call the DAG silently does not exist.",
        example: #"""
            from airflow.sdk import dag


            @dag(schedule=None)
            def etl():
                pass

            # missing: etl()
            """#,
        fix: "Call it at module level: `etl()`.",
        fixedExample: #"""
            from airflow.sdk import dag


            @dag(schedule=None)
            def etl():
                pass


            etl()
            """#)

    func check(_ project: Project) -> [Finding] { forwarding([.airflowUncalledDagFunction], from: project) }
}
