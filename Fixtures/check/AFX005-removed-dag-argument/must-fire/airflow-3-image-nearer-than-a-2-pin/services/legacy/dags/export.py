from airflow import DAG

with DAG("export", schedule_interval="@daily"):
    pass
