from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("modern_schedule", schedule="@daily"):
    EmptyOperator(task_id="t")
