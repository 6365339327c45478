import FlowDiscovery

/// One dag_id registered by DAGs in different files.
struct DuplicateDagIDRule: Rule {
    let code = "AFX101"
    let name = "duplicate-dag-id"
    let severity = Severity.error
    let quietInTestCode = true
    let documentation = RuleDocumentation(
        what: "Reports dag_ids registered more than once across the repository. Test code (`test_*.py`, `*_test.py`, `conftest.py`, `test_*` functions) is left out, since Airflow never loads it and tests reuse ids on purpose, unless the rule is selected by code or name.",
        why: "Airflow keeps one and reports an import error for the other; which one wins depends on the order it walks files.",
        example: #"""
            # a.py
            from airflow.sdk import DAG

            with DAG("etl", schedule=None):
                pass
            # b.py
            from airflow.sdk import DAG

            with DAG("etl", schedule=None):
                pass
            """#,
        fix: "Give each DAG its own dag_id.",
        fixedExample: #"""
            # a.py
            from airflow.sdk import DAG

            with DAG("etl", schedule=None):
                pass
            # b.py
            from airflow.sdk import DAG

            with DAG("etl_export", schedule=None):
                pass
            """#)

    func check(_ project: Project) -> [Finding] {
        let dags = project.dags(registeredOnly: true, acrossFiles: true).filter { $0.name != nil }
        return Dictionary(grouping: dags, by: { $0.name! }).filter { $0.value.count > 1 }.flatMap { dagID, flows in
            flows.map { flow in
                let others = flows.filter { $0.id != flow.id }.map { "\($0.file):\($0.line)" }.sorted()
                return finding("dag_id '\(dagID)' is also registered at \(others.joined(separator: ", "))", at: flow)
            }
        }
    }
}
