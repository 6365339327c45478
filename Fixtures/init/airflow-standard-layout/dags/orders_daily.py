from airflow.sdk import DAG
from airflow.providers.standard.operators.python import PythonOperator

from common.defaults import DEFAULT_ARGS
from common.sql import select_all

with DAG("orders_daily", schedule="@daily", default_args=DEFAULT_ARGS, tags=["orders"]):
    PythonOperator(task_id="extract", python_callable=select_all, op_args=["orders"])
