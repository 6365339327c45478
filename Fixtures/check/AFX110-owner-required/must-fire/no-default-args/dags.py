from airflow.sdk import DAG

with DAG("ownerless", schedule=None):
    pass
