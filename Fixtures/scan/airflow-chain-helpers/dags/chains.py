from airflow.sdk import DAG, chain, chain_linear, cross_downstream
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("chain_helpers", schedule=None):
    a, b, c, d, e, f = [EmptyOperator(task_id=name) for name in ["a", "b", "c", "d", "e", "f"]]
    chain(a, [b, c], [d, e], f)

with DAG("chain_linear_helper", schedule=None):
    tasks = [EmptyOperator(task_id=f"t{i}") for i in range(4)]
    chain_linear(tasks[0], [tasks[1], tasks[2]], tasks[3])

with DAG("cross_helper", schedule=None):
    x1 = EmptyOperator(task_id="x1")
    x2 = EmptyOperator(task_id="x2")
    y1 = EmptyOperator(task_id="y1")
    y2 = EmptyOperator(task_id="y2")
    cross_downstream([x1, x2], [y1, y2])
