from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

from common.defaults import DEFAULT_ARGS

with DAG("customers_weekly", schedule="@weekly", default_args=DEFAULT_ARGS):
    EmptyOperator(task_id="refresh")
