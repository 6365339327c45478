from airflow.sdk import DAG

with DAG("entered", schedule=None):
    pass
