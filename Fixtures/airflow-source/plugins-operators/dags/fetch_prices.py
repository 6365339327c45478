from datetime import timedelta

from airflow.sdk import DAG

from operators.price_fetch import PriceFetchOperator

with DAG("fetch_prices", schedule=timedelta(hours=1), max_active_runs=1):
    PriceFetchOperator(task_id="fetch")
