# Must not fire: the Airflow 3 spellings, and a version switch whose Airflow 2
# branch Airflow 3 never takes.
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, chain
from airflow.version import version

if version.startswith("2."):
    from airflow.operators.dummy import DummyOperator as EmptyOperator  # noqa: F811

with DAG("current_imports", schedule=None):
    chain(EmptyOperator(task_id="a"), EmptyOperator(task_id="b"))
