from airflow.sdk import DAG

with DAG("owned", schedule=None, default_args={"owner": "data-team"}):
    pass
