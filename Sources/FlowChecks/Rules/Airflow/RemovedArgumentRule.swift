import FlowDiscovery

/// Arguments Airflow 3 removed.
struct RemovedArgumentRule: Rule {
    let code = "AFX005"
    let name = "removed-dag-argument"
    let severity = Severity.error
    let documentation = RuleDocumentation(
        what: "Reports `schedule_interval`, `timetable`, `concurrency`, `default_view`, `orientation`, `fail_stop` and `full_filepath` when targeting Airflow 3.",
        why: "Airflow 3 raises TypeError for them, so the whole file fails to import.",
        example: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule_interval="@daily"):
                pass
            """#,
        fix: "Use `schedule=` (and `max_active_tasks=` for `concurrency`).",
        fixedExample: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule="@daily"):
                pass
            """#)

    func check(_ project: Project) -> [Finding] { forwarding([.airflowRemovedArgument], from: project) }
}
