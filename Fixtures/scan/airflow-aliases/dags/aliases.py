from airflow import DAG as AirflowDAG
from airflow.sdk import dag as pipeline
from airflow.providers.standard.operators.empty import EmptyOperator

with AirflowDAG("aliased_class", schedule=None):
    EmptyOperator(task_id="x")


@pipeline(dag_id="aliased_decorator", schedule=None)
def build():
    EmptyOperator(task_id="y")


build()
