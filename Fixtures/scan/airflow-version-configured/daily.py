from datetime import datetime

from airflow import DAG
from airflow.operators.empty import EmptyOperator

# schedule_interval is how Airflow 2 schedules: registered there, an import error on 3.
with DAG("daily_report", schedule_interval="@daily", start_date=datetime(2024, 1, 1), catchup=False) as dag:
    EmptyOperator(task_id="start")
