from airflow.sdk import DAG

with DAG("data-etl", schedule=None):
    pass
