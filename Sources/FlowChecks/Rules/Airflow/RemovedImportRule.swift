import FlowDiscovery

/// Imports of modules and names Airflow 3 removed.
struct RemovedImportRule: Rule {
    let code = "AFX009"
    let name = "removed-import"
    let severity = Severity.error
    let documentation = RuleDocumentation(
        what: "Reports, when targeting Airflow 3, an import run at import time (not in a function, an `if` branch or a `try` that catches ImportError) of a module or name Airflow 3 no longer has: `airflow.operators.dummy`, `airflow.utils.dates.days_ago`, `airflow.contrib.*`, `airflow.datasets`, ... (the table is checked against a real Airflow 3.3.2).",
        why: "The import raises ModuleNotFoundError or ImportError, so DagBag records an import error and registers none of the file's DAGs.",
        example: #"""
            from airflow.operators.dummy import DummyOperator
            from airflow.sdk import DAG

            with DAG("etl", schedule="@daily"):
                DummyOperator(task_id="start")
            """#,
        fix: "Import the replacement the finding names, e.g. `from airflow.providers.standard.operators.empty import EmptyOperator`.",
        fixedExample: #"""
            from airflow.providers.standard.operators.empty import EmptyOperator
            from airflow.sdk import DAG

            with DAG("etl", schedule="@daily"):
                EmptyOperator(task_id="start")
            """#)

    func check(_ project: Project) -> [Finding] { forwarding([.airflowRemovedImport], from: project) }
}
