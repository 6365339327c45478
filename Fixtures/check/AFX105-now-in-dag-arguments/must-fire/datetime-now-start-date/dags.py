from datetime import datetime

from airflow.sdk import DAG

with DAG("moving", schedule="@daily", start_date=datetime.now()):
    pass
