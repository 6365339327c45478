from datetime import timedelta

from airflow.sdk import DAG, Asset
from airflow.timetables.trigger import CronTriggerTimetable
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("none_schedule", schedule=None):
    EmptyOperator(task_id="t")
with DAG("cron_schedule", schedule="0 6 * * 1-5"):
    EmptyOperator(task_id="t")
with DAG("preset_schedule", schedule="@weekly"):
    EmptyOperator(task_id="t")
with DAG("delta_schedule", schedule=timedelta(hours=4)):
    EmptyOperator(task_id="t")
with DAG("asset_schedule", schedule=[Asset("s3://bucket/a"), Asset("s3://bucket/b")]):
    EmptyOperator(task_id="t")
with DAG("timetable_schedule", schedule=CronTriggerTimetable("0 0 * * *", timezone="UTC")):
    EmptyOperator(task_id="t")
with DAG("default_schedule"):
    EmptyOperator(task_id="t")
