# Fires: each of these imports raises under Airflow 3, so none of this file's DAGs registers.
import airflow.contrib.operators.bash_operator
from airflow.operators.dummy import DummyOperator
from airflow.utils.dates import days_ago
from airflow.sdk import DAG

with DAG("legacy_imports", start_date=days_ago(1), schedule=None):
    DummyOperator(task_id="noop")
