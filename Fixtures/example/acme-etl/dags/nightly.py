from datetime import datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("nightly_refresh", schedule="@daily", start_date=datetime(2026, 1, 1), tags=["team-data"]) as dag:
    extract = EmptyOperator(task_id="extract")
    load = EmptyOperator(task_id="load")
    extract >> load
