from airflow.models import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("regexp_sub_a_dag_py", schedule=None):
    EmptyOperator(task_id="t")
