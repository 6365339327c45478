from airflow.sdk import DAG

with DAG("default_owner", schedule=None, default_args={"owner": "airflow"}):
    pass
