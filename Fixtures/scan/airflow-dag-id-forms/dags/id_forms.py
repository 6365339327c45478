import os
from pathlib import Path

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

TEAM = "data"
ENV = "prod"

with DAG(f"{TEAM}_ingest_{ENV}", schedule=None):
    EmptyOperator(task_id="a")

with DAG(TEAM + "_" + "export", schedule=None):
    EmptyOperator(task_id="b")

with DAG(dag_id=os.path.basename(__file__).replace(".py", ""), schedule=None):
    EmptyOperator(task_id="c")

with DAG(dag_id=Path(__file__).stem + "_path", schedule=None):
    EmptyOperator(task_id="d")
