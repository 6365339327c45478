from airflow.sdk import DAG

with DAG("busy", schedule=None, concurrency=4):
    pass
