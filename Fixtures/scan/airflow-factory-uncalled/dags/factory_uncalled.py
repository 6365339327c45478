from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator


def build(name):
    dag = DAG(f"never_built_{name}", schedule=None)
    EmptyOperator(task_id="t", dag=dag)
    return dag


with DAG("built", schedule=None):
    EmptyOperator(task_id="t")
