from airflow import DAG
from airflow.operators.dummy import DummyOperator
from common import default_args

with DAG("afval", default_args=default_args, schedule_interval="@daily") as dag:
    start = DummyOperator(task_id="start")
