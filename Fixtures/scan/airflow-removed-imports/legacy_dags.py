# Airflow 3 removed airflow.operators.dummy and airflow.utils.dates.days_ago:
# importing this file raises ModuleNotFoundError, so DagBag registers neither DAG.
import pendulum
from airflow.operators.dummy import DummyOperator
from airflow.sdk import DAG
from airflow.utils.dates import days_ago

with DAG("legacy_first", start_date=days_ago(1), schedule=None):
    DummyOperator(task_id="noop")

with DAG("legacy_second", start_date=pendulum.datetime(2024, 1, 1), schedule=None):
    DummyOperator(task_id="noop")
