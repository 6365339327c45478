from airflow.sdk import DAG

with DAG("unscheduled"):
    pass
