from airflow.sdk import DAG

with DAG(dag_id="dag", schedule=None) as dag:
    pass


def test_dag_loads():
    assert dag.dag_id == "dag"
