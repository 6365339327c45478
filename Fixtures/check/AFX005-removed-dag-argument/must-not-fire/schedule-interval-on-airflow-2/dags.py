from airflow import DAG

with DAG("legacy", schedule_interval="@daily"):
    pass
