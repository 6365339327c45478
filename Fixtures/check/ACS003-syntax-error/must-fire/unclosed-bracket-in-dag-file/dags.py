from airflow.sdk import DAG

with DAG("etl", schedule=None, tags=["a", "b"):
    pass
