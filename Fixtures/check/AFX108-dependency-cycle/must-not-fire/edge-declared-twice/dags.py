from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG("repeated", schedule=None):
    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b")
    a >> b
    b << a
