from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG("forward", schedule=None):
    EmptyOperator(task_id="a") >> EmptyOperator(task_id="b")

with DAG("backward", schedule=None):
    EmptyOperator(task_id="b") >> EmptyOperator(task_id="a")
