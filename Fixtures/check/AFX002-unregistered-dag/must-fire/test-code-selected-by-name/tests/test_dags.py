from airflow.sdk import DAG


def test_builds():
    dag = DAG("dag", schedule=None)
    assert dag.dag_id == "dag"
