from airflow.sdk import DAG

with DAG("etl", schedule=None) as copy:
    pass


def test_builds_a_throwaway_dag():
    dag = DAG("dag", schedule=None)
    assert dag.dag_id == "dag"
