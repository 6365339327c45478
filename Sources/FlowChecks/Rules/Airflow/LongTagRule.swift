import FlowDiscovery

/// A DAG tag over 100 characters.
struct LongTagRule: Rule {
    let code = "AFX106"
    let name = "tag-too-long"
    let severity = Severity.error
    let documentation = RuleDocumentation(
        what: "Reports DAG tags longer than 100 characters.",
        why: "Airflow stores tags in a 100-character column; a longer one fails when the DAG is serialised.",
        example: #"""
            from airflow.sdk import DAG

            TAG = "finance-warehouse-nightly-orders-export-reconciliation-and-audit-trail-for-the-data-platform-team-2024"

            with DAG("etl", schedule=None, tags=[TAG]):
                pass
            """#,
        fix: "Shorten the tag.",
        fixedExample: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule=None, tags=["finance", "orders-export"]):
                pass
            """#)

    func check(_ project: Project) -> [Finding] {
        project.dags().flatMap { flow in
            (flow.airflow["tags"]?.arrayValue ?? []).compactMap(\.stringValue).filter { $0.count > 100 }.map {
                finding("tag '\($0.prefix(20))...' is \($0.count) characters; Airflow allows 100", at: flow)
            }
        }
    }
}
