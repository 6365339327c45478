import FlowDiscovery

/// Policy: tasks retry at least N times (opt-in; `minimum-retries`, default 1).
struct MinimumRetriesRule: Rule {
    let code = "AFX111"
    let name = "minimum-retries"
    let severity = Severity.warning
    let enabledByDefault = false
    let documentation = RuleDocumentation(
        what: "Reports DAGs whose default_args set fewer `retries` than `minimum-retries` (default 1).",
        why: "Transient failures (a network blip, a busy database) should not page anyone.",
        example: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule=None, default_args={"owner": "data"}):
                pass
            """#,
        fix: "Set `default_args={\"retries\": 2}`.",
        fixedExample: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule=None, default_args={"owner": "data", "retries": 2}):
                pass
            """#)

    func check(_ project: Project) -> [Finding] {
        project.dags().compactMap { flow in
            var retries = 0
            if case .int(let value)? = flow.airflow["default_args"]?["retries"] { retries = value }
            guard retries < project.policy.minimumRetries else { return nil }
            return finding("DAG '\(flow.name ?? flow.function)' retries \(retries) times; the policy asks for \(project.policy.minimumRetries)",
                at: flow)
        }
    }
}
