from airflow.models.dag import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

dag = DAG(dag_id="assigned", schedule=None)
first = EmptyOperator(task_id="first", dag=dag)
second = EmptyOperator(task_id="second", dag=dag)
first >> second

annotated: DAG = DAG("annotated", schedule=None)
with annotated:
    EmptyOperator(task_id="inside")
