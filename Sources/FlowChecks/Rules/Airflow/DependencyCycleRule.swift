import FlowDiscovery

/// A cycle in a DAG's task dependencies.
struct DependencyCycleRule: Rule {
    let code = "AFX108"
    let name = "dependency-cycle"
    let severity = Severity.error
    let documentation = RuleDocumentation(
        what: "Reports DAGs whose dependencies form a cycle.",
        why: "Airflow refuses the DAG (`AirflowDagCycleException`) and reports an import error.",
        example: #"""
            from airflow.providers.standard.operators.empty import EmptyOperator
            from airflow.sdk import DAG

            with DAG("etl", schedule=None):
                a = EmptyOperator(task_id="a")
                b = EmptyOperator(task_id="b")
                c = EmptyOperator(task_id="c")
                a >> b >> c >> a
            """#,
        fix: "Remove one of the edges in the cycle.",
        fixedExample: #"""
            from airflow.providers.standard.operators.empty import EmptyOperator
            from airflow.sdk import DAG

            with DAG("etl", schedule=None):
                a = EmptyOperator(task_id="a")
                b = EmptyOperator(task_id="b")
                c = EmptyOperator(task_id="c")
                a >> b >> c
            """#)

    func check(_ project: Project) -> [Finding] {
        project.dags().compactMap { flow in
            let edges = (flow.airflow["edges"]?.arrayValue ?? []).compactMap { edge -> (String, String)? in
                guard let up = edge["upstream"]?.stringValue, let down = edge["downstream"]?.stringValue else { return nil }
                return (up, down)
            }
            guard let cycle = Self.cycle(edges) else { return nil }
            return finding("DAG '\(flow.name ?? flow.function)' has a dependency cycle: \(cycle.joined(separator: " >> "))", at: flow)
        }
    }

    /// One cycle as a path that ends where it starts, or nil.
    static func cycle(_ edges: [(String, String)]) -> [String]? {
        let next = Dictionary(grouping: edges, by: \.0).mapValues { $0.map(\.1).sorted() }
        var state: [String: Int] = [:]  // 1: on the current path, 2: finished
        var path: [String] = []
        func visit(_ node: String) -> [String]? {
            state[node] = 1
            path.append(node)
            for child in next[node] ?? [] {
                if state[child] == 1, let start = path.firstIndex(of: child) { return Array(path[start...]) + [child] }
                if state[child] == nil, let found = visit(child) { return found }
            }
            path.removeLast()
            state[node] = 2
            return nil
        }
        for node in Set(edges.map(\.0)).sorted() where state[node] == nil {
            if let found = visit(node) { return found }
        }
        return nil
    }
}
