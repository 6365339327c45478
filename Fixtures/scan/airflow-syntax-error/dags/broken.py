from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("broken_file", schedule=None):
    EmptyOperator(task_id="t"
