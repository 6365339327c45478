from airflow.sdk import DAG

with DAG("nightly etl", schedule=None):
    pass
