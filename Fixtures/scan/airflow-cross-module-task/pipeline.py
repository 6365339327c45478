from airflow.sdk import DAG

from helpers.tasks import clean, fetch

with DAG("uses_shared_tasks", schedule=None):
    clean(fetch())
