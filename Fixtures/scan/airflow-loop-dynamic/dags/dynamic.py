import os

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

for name in os.listdir("/opt/configs"):
    with DAG(f"config_{name}", schedule=None):
        EmptyOperator(task_id="run")
