import FlowDiscovery

/// A DAG file Airflow's safe-mode byte test skips.
struct SkippedBySafeModeRule: Rule {
    let code = "AFX006"
    let name = "skipped-by-safe-mode"
    let severity = Severity.warning
    let documentation = RuleDocumentation(
        what: "Reports DAG files that do not contain 'airflow' and 'dag' (or 'asset' in Airflow 3) in any case.",
        why: "With `dag_discovery_safe_mode` on (the default), Airflow never imports such a file.",
        example: #"""
            # acme.toml
            airflow-version = 2
            # assets.py
            from airflow.sdk import asset


            @asset(schedule=None)
            def orders():
                pass
            """#,
        fix: "Mention both words, even in a comment: `# airflow dag`.",
        fixedExample: #"""
            # acme.toml
            airflow-version = 2
            # assets.py
            # airflow dag
            from airflow.sdk import asset


            @asset(schedule=None)
            def orders():
                pass
            """#)

    func check(_ project: Project) -> [Finding] { forwarding([.airflowSkippedBySafeMode], from: project) }
}
