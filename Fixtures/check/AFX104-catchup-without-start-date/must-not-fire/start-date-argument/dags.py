from datetime import datetime

from airflow.sdk import DAG

with DAG("catching_up", schedule="@daily", catchup=True, start_date=datetime(2024, 1, 1)):
    pass
