from airflow.sdk import DAG

with DAG("untagged", schedule=None, tags=["misc"]):
    pass
