from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG("first", schedule=None):
    EmptyOperator(task_id="load")

with DAG("second", schedule=None):
    EmptyOperator(task_id="load")
