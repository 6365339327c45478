from datetime import datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("legacy_interval", schedule_interval="@daily", start_date=datetime(2024, 1, 1), concurrency=4):
    EmptyOperator(task_id="t")
