from airflow.sdk import DAG

DAG_ID = "etl"

with DAG(DAG_ID, schedule=None):
    pass
