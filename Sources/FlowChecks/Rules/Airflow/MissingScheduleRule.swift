import FlowDiscovery

/// A DAG without an explicit `schedule`.
struct MissingScheduleRule: Rule {
    let code = "AFX103"
    let name = "missing-schedule"
    let severity = Severity.warning
    let documentation = RuleDocumentation(
        what: "Reports DAGs that do not pass `schedule=`.",
        why: "The default changed from daily (Airflow 2) to none (Airflow 3): the same file schedules differently after an upgrade.",
        example: #"""
            from airflow.sdk import DAG

            with DAG("etl"):
                pass
            """#,
        fix: "State it: `schedule=None`, `\"@daily\"`, a cron string, a timedelta or assets.",
        fixedExample: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule=None):
                pass
            """#)

    func check(_ project: Project) -> [Finding] {
        project.dags().filter { $0.airflow["declaration"] != "asset" && $0.airflow["schedule"] == nil
            && $0.airflow["schedule_interval"] == nil && $0.airflow["timetable"] == nil }
            .map { finding("DAG '\($0.name ?? $0.function)' has no explicit schedule", at: $0) }
    }
}
