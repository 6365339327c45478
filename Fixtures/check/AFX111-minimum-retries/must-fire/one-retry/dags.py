from airflow.sdk import DAG

with DAG("fragile", schedule=None, default_args={"retries": 1}):
    pass
