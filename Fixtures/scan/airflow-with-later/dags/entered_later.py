"""DAGs built by a constructor call and entered later with `with dag:`: each is
located at its constructor call, not at the `with` line."""
from datetime import datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

plain = DAG("entered_later", schedule=None, start_date=datetime(2024, 1, 1))

with plain:
    EmptyOperator(task_id="inside")


def make(name):
    built = DAG(f"made_{name}", schedule=None)
    with built:
        EmptyOperator(task_id="step")
    return built


made_a = make("a")

for region in ["eu", "us"]:
    regional = DAG(
        dag_id=f"regional_{region}",
        schedule=None,
    )
    with regional:
        EmptyOperator(task_id="load")
    globals()[f"regional_{region}"] = regional

with DAG("entered_at_once", schedule=None) as at_once:
    EmptyOperator(task_id="only")
