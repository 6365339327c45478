from datetime import timedelta

from airflow.sdk import DAG

EVERY_HOUR = timedelta(hours=1)

with DAG("hourly", schedule=EVERY_HOUR):
    pass
