from airflow.sdk import DAG
from airflow.sdk import Variable
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG(dag_id=Variable.get("dag_name", default="fallback_name"), schedule=None):
    EmptyOperator(task_id="t")
