from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

# Written when the repository root was on PYTHONPATH.
from dags.common.owners import OWNER

with DAG("invoices", schedule="@daily", default_args={"owner": OWNER}):
    EmptyOperator(task_id="send")
