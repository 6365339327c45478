from airflow.sdk import DAG

with DAG("bare", schedule=None):
    pass
