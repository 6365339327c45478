from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("nightly_import", schedule="@daily"):
    EmptyOperator(task_id="import_rows")
