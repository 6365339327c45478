from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

for step in ["first", "second", "last"]:
    dag = DAG(f"overwritten_{step}", schedule=None)
    EmptyOperator(task_id="t", dag=dag)
