from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("twice", schedule=None):
    EmptyOperator(task_id="load")
    EmptyOperator(task_id="load")
