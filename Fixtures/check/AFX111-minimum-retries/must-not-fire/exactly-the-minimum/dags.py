from airflow.sdk import DAG

with DAG("sturdy", schedule=None, default_args={"retries": 2}):
    pass
