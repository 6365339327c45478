from datetime import timedelta

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

DEFAULT_ARGS = {
    "owner": "platform",
    "retries": 3,
    "retry_delay": timedelta(minutes=10),
}

with DAG("shared_defaults", schedule=None, default_args=DEFAULT_ARGS):
    EmptyOperator(task_id="t")
