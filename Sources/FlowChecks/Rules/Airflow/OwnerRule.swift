import FlowDiscovery

/// Policy: DAGs name a real owner (opt-in; `allowed-owners` in the configuration).
struct OwnerRule: Rule {
    let code = "AFX110"
    let name = "owner-required"
    let severity = Severity.warning
    let enabledByDefault = false
    let documentation = RuleDocumentation(
        what: "Reports DAGs whose default_args set no `owner`, set Airflow's default \"airflow\", or one not in `allowed-owners`.",
        why: "The owner is who gets paged; Airflow's default says nothing.",
        example: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule=None, default_args={"retries": 1}):
                pass
            """#,
        fix: "Set `default_args={\"owner\": \"data-team\"}`.",
        fixedExample: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule=None, default_args={"owner": "data-team", "retries": 1}):
                pass
            """#)

    func check(_ project: Project) -> [Finding] {
        project.dags().compactMap { flow in
            let owner = flow.airflow["default_args"]?["owner"]?.stringValue
            let allowed = project.policy.allowedOwners
            guard let owner, owner != "airflow", allowed.isEmpty || allowed.contains(owner) else {
                return finding("DAG '\(flow.name ?? flow.function)' has owner '\(owner ?? "airflow")'"
                    + (allowed.isEmpty ? "" : "; allowed: \(allowed.joined(separator: ", "))"), at: flow)
            }
            return nil
        }
    }
}
