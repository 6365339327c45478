from airflow.sdk import DAG

with DAG("unretried", schedule=None, default_args={"owner": "data-team"}):
    pass
