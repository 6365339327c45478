from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

from common.owners import OWNER

with DAG("ledger", schedule="@daily", default_args={"owner": OWNER}):
    EmptyOperator(task_id="close")
