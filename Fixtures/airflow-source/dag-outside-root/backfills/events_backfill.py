from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("events_backfill", schedule=None):
    EmptyOperator(task_id="replay")
