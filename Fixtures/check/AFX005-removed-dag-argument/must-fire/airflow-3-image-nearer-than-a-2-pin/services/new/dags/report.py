from airflow.sdk import DAG

with DAG("report", schedule_interval="@daily"):
    pass
