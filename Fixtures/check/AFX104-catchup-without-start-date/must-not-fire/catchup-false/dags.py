from airflow.sdk import DAG

with DAG("current_only", schedule="@daily", catchup=False):
    pass
