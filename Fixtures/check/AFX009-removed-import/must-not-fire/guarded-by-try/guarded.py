# Must not fire: a guarded import (the except branch runs instead) and one inside
# a function that is never called at import.
from airflow.sdk import DAG

try:
    from airflow.operators.dummy import DummyOperator
except ImportError:
    from airflow.providers.standard.operators.empty import EmptyOperator as DummyOperator


def yesterday():
    from airflow.utils.dates import days_ago

    return days_ago(1)


with DAG("guarded_imports", schedule=None):
    DummyOperator(task_id="noop")
