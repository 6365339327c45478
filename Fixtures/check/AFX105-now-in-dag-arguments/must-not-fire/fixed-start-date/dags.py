from datetime import datetime

from airflow.sdk import DAG

with DAG("fixed", schedule="@daily", start_date=datetime(2024, 1, 1)):
    pass
