# Loads the dags folder the way Airflow does; not a DAG file, and not published.
from airflow.models import DagBag


def test_no_import_errors():
    bag = DagBag(dag_folder="dags", include_examples=False)
    assert not bag.import_errors
