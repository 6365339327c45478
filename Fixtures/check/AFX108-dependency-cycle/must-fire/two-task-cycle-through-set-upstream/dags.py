from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG("pingpong", schedule=None):
    ping = EmptyOperator(task_id="ping")
    pong = EmptyOperator(task_id="pong")
    ping >> pong
    ping.set_upstream(pong)
