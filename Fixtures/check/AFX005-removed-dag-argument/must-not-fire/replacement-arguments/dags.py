from airflow.sdk import DAG

with DAG("current", schedule="@daily", max_active_tasks=4):
    pass
