from airflow.sdk import DAG

with DAG("etl", schedule=None) as dag:
    pass


def test_schedule():
    assert dag.schedule is None
