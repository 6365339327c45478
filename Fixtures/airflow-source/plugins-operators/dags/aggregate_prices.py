from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("aggregate_prices", schedule="@daily"):
    EmptyOperator(task_id="aggregate")
