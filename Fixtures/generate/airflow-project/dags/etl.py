from datetime import datetime

from airflow.sdk import DAG, dag
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("sales_etl", schedule="@daily", start_date=datetime(2024, 1, 1), tags=["sales"]):
    EmptyOperator(task_id="extract") >> EmptyOperator(task_id="load")


@dag(schedule=None, start_date=datetime(2024, 1, 1))
def cleanup():
    EmptyOperator(task_id="vacuum")


@dag(schedule=None)
def forgotten():
    EmptyOperator(task_id="never")


cleanup()
