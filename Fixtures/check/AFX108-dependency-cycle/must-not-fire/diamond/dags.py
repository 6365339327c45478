from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG("diamond", schedule=None):
    start = EmptyOperator(task_id="start")
    left = EmptyOperator(task_id="left")
    right = EmptyOperator(task_id="right")
    end = EmptyOperator(task_id="end")
    start >> [left, right] >> end
