from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("nightly", schedule="@daily") as dag:
    EmptyOperator(task_id="start")
