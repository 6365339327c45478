from airflow.sdk import DAG

with DAG("legacy", schedule_interval="@daily"):
    pass
