from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

for region in ["eu", "us"]:
    with DAG(f"report_{region}", schedule="@weekly"):
        EmptyOperator(task_id="build")
