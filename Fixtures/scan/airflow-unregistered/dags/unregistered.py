from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

DAG("expression_only", schedule=None)

held_in_list = [DAG("in_a_list", schedule=None)]

with DAG("no_auto_register", schedule=None, auto_register=False):
    EmptyOperator(task_id="t")

with DAG("registered_normally", schedule=None):
    EmptyOperator(task_id="t")
