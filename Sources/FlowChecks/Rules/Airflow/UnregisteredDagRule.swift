import FlowDiscovery

/// A DAG neither held by a module global nor entered with `with`.
struct UnregisteredDagRule: Rule {
    let code = "AFX002"
    let name = "unregistered-dag"
    let severity = Severity.error
    let quietInTestCode = true
    let documentation = RuleDocumentation(
        what: "Reports DAGs Airflow drops: not a module global, not entered with `with`, built and dropped in a function never called, or overwritten by a later assignment to the same global; and cosmos' `DbtDag` given positional arguments, which makes the file's import fail. A DAG a function hands out (returns, yields, or stores in a global, an attribute or a container: a DAG factory) belongs to its caller and is not reported, nor are DAGs in test code (`test_*.py`, `*_test.py`, `conftest.py`, `test_*` functions) unless the rule is selected by code or name.",
        why: "Airflow collects module globals and DAGs entered with `with`; anything else vanishes without an error.",
        example: #"""
            from airflow.sdk import DAG

            for name in ["a", "b"]:
                dag = DAG(name, schedule=None)  # only the last one survives
            """#,
        fix: "Use `with DAG(...):`, or `globals()[name] = DAG(...)` in loops.",
        fixedExample: #"""
            from airflow.sdk import DAG

            for name in ["a", "b"]:
                globals()[name] = DAG(name, schedule=None)
            """#)

    func check(_ project: Project) -> [Finding] { forwarding([.airflowUnregisteredDag], from: project) }
}
