from airflow import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("with_as", schedule=None) as dag:
    start = EmptyOperator(task_id="start")
    end = EmptyOperator(task_id="end")
    start >> end
