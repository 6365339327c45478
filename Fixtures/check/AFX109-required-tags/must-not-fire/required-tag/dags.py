from airflow.sdk import DAG

with DAG("tagged", schedule=None, tags=["team-data"]):
    pass
