import FlowDiscovery

/// Two tasks with one task_id in a DAG.
struct DuplicateTaskIDRule: Rule {
    let code = "AFX107"
    let name = "duplicate-task-id"
    let severity = Severity.error
    let documentation = RuleDocumentation(
        what: "Reports task_ids used twice in one DAG (operators; TaskFlow calls get `__1` suffixes instead).",
        why: "Airflow raises DuplicateTaskIdFound, failing the file's import.",
        example: #"""
            from airflow.providers.standard.operators.empty import EmptyOperator
            from airflow.sdk import DAG

            with DAG("etl", schedule=None):
                EmptyOperator(task_id="load")
                EmptyOperator(task_id="load")
            """#,
        fix: "Give every task its own task_id.",
        fixedExample: #"""
            from airflow.providers.standard.operators.empty import EmptyOperator
            from airflow.sdk import DAG

            with DAG("etl", schedule=None):
                EmptyOperator(task_id="load")
                EmptyOperator(task_id="load_archive")
            """#)

    func check(_ project: Project) -> [Finding] {
        project.dags().flatMap { flow -> [Finding] in
            let tasks = (flow.airflow["tasks"]?.arrayValue ?? []).compactMap { task -> (String, Int)? in
                guard let id = task["task_id"]?.stringValue, case .int(let line)? = task["line"] else { return nil }
                return (id, line)
            }
            let byID = Dictionary(grouping: tasks, by: \.0).filter { $0.value.count > 1 }
            return byID.keys.sorted().map { id in
                let lines = byID[id]!.map { String($0.1) }.joined(separator: ", ")
                return finding("task_id '\(id)' is used \(byID[id]!.count) times (lines \(lines))", file: flow.file,
                    line: byID[id]!.map(\.1).min()!)
            }
        }
    }
}
