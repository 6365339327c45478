from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup

with DAG("grouped", schedule=None):
    with TaskGroup("extract"):
        EmptyOperator(task_id="load")
        EmptyOperator(task_id="load")
