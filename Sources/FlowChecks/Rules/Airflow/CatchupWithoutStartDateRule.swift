import FlowDiscovery

/// `catchup=True` with no start date.
struct CatchupWithoutStartDateRule: Rule {
    let code = "AFX104"
    let name = "catchup-without-start-date"
    let severity = Severity.error
    let documentation = RuleDocumentation(
        what: "Reports DAGs with `catchup=True` and no `start_date` (in the DAG or its `default_args`).",
        why: "Airflow 3 raises `ValueError: start_date is required when catchup=True` for schedulable DAGs.",
        example: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule="@daily", catchup=True):
                pass
            """#,
        fix: "Add `start_date=datetime(2024, 1, 1)` or drop `catchup=True`.",
        fixedExample: #"""
            from datetime import datetime

            from airflow.sdk import DAG

            with DAG("etl", schedule="@daily", catchup=True, start_date=datetime(2024, 1, 1)):
                pass
            """#)

    func check(_ project: Project) -> [Finding] {
        project.dags().filter { flow in
            flow.airflow["catchup"] == .bool(true) && flow.airflow["start_date"] == nil
                && flow.airflow["default_args"]?["start_date"] == nil
        }.map { finding("DAG '\($0.name ?? $0.function)' sets catchup=True without a start_date", at: $0) }
    }
}
