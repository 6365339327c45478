from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup

with DAG("grouped", schedule=None):
    with TaskGroup("orders"):
        EmptyOperator(task_id="load")  # orders.load
    with TaskGroup("customers"):
        EmptyOperator(task_id="load")  # customers.load
