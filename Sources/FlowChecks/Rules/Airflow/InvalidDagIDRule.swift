import FlowDiscovery

/// A dag_id Airflow rejects.
struct InvalidDagIDRule: Rule {
    let code = "AFX102"
    let name = "invalid-dag-id"
    let severity = Severity.error
    let documentation = RuleDocumentation(
        what: "Reports dag_ids that are not letters, digits, `_`, `.` and `-`, or longer than 250 characters.",
        why: "Airflow raises ValueError when it builds such a DAG, failing the file's import.",
        example: #"""
            from airflow.sdk import DAG

            with DAG("nightly etl", schedule=None):
                pass
            """#,
        fix: "Use `nightly_etl`, and `dag_display_name=` for a label with spaces.",
        fixedExample: #"""
            from airflow.sdk import DAG

            with DAG("nightly_etl", dag_display_name="Nightly ETL", schedule=None):
                pass
            """#)

    func check(_ project: Project) -> [Finding] {
        project.dags().compactMap { flow in
            guard let dagID = flow.name else { return nil }
            let valid = !dagID.isEmpty && dagID.count <= 250
                && dagID.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0) }
            return valid ? nil : finding("dag_id '\(dagID)' must match ^[\\w.-]+$ and be at most 250 characters", at: flow)
        }
    }
}
