from airflow.sdk import DAG

with DAG("manual", schedule=None):
    pass
