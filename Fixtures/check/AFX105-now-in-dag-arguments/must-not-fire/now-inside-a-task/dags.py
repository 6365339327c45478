from datetime import datetime

from airflow.sdk import DAG, task

with DAG("stamped", schedule="@daily", start_date=datetime(2024, 1, 1)):

    @task
    def stamp():
        return datetime.now().isoformat()  # runs when the task runs, not at parse time

    stamp()
