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

    /// One cycle as a path that ends where it starts, or nil. A depth-first
    /// search with its own stack: a chain of 100,000 tasks (`t1 >> t2` line by
    /// line) is a path that long, too deep for recursion.
    static func cycle(_ edges: [(String, String)]) -> [String]? {
        let next = Dictionary(grouping: edges, by: \.0).mapValues { $0.map(\.1).sorted() }
        var state: [String: Int] = [:]  // 1: on the current path, 2: finished
        for start in Set(edges.map(\.0)).sorted() where state[start] == nil {
            // The current path, each task with the index of its next child to visit.
            var path: [(task: String, nextChild: Int)] = [(start, 0)]
            state[start] = 1
            while let (task, index) = path.last {
                let children = next[task] ?? []
                guard index < children.count else {
                    path.removeLast()
                    state[task] = 2
                    continue
                }
                path[path.count - 1].nextChild += 1
                let child = children[index]
                if state[child] == 1, let begin = path.firstIndex(where: { $0.task == child }) {
                    return path[begin...].map(\.task) + [child]
                }
                if state[child] == nil {
                    state[child] = 1
                    path.append((child, 0))
                }
            }
        }
        return nil
    }
}
