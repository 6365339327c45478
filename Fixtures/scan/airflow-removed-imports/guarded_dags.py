# A guarded import falls back to the Airflow 3 spelling; an import inside a
# function runs only when it is called. Both DAGs here register.
import pendulum
from airflow.sdk import DAG, dag, task

try:
    from airflow.operators.dummy import DummyOperator
except (ImportError, AttributeError):
    from airflow.providers.standard.operators.empty import EmptyOperator as DummyOperator


def yesterday():
    from airflow.utils.dates import days_ago

    return days_ago(1)


with DAG("guarded_import", start_date=pendulum.datetime(2024, 1, 1), schedule=None):
    DummyOperator(task_id="noop")


@dag(schedule=None)
def import_in_function():
    @task
    def show():
        return str(yesterday)

    show()


import_in_function()
