from airflow.sdk import DAG

with DAG("tagged", schedule=None, tags=["misc", "team-data"]):
    pass
