from airflow.models import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG(dag_id="with_no_as", schedule="@daily"):
    EmptyOperator(task_id="only")
