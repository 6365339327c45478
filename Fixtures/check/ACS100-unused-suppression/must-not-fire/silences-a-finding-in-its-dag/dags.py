from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG("twice", schedule=None):  # acme: ignore[AFX107]
    EmptyOperator(task_id="load")
    EmptyOperator(task_id="load")
