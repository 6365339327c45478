from airflow import DAG
from airflow.operators.dummy import DummyOperator
from airflow.utils.dates import days_ago

with DAG("start", start_date=days_ago(1), schedule_interval=None):
    DummyOperator(task_id="start")
