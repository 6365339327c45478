from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("glob_keep_scratch_dag", schedule=None):
    EmptyOperator(task_id="t")
