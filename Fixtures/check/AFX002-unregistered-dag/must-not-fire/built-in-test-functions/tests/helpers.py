from airflow.sdk import DAG


def test_dag_factory_for_fixtures():
    DAG("fixture", schedule=None)
