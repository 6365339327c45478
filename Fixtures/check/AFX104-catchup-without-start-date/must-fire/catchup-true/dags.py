from airflow.sdk import DAG

with DAG("catching_up", schedule="@daily", catchup=True):
    pass
