from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

from shared.slack import notify

with DAG("events", schedule="@hourly", on_failure_callback=notify):
    EmptyOperator(task_id="ingest")
