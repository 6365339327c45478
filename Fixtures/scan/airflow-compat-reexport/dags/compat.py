from airflow.providers.common.compat.sdk import DAG, chain
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG(dag_id="compat_reexport", schedule=None):
    chain(EmptyOperator(task_id="one"), EmptyOperator(task_id="two"))
