from airflow.sdk import DAG

with DAG("default_owner", schedule=None, default_args={"owner": "airflow"}):
    pass

with DAG("owned", schedule=None, default_args={"owner": "data-team"}):
    pass
