# Loads the dags folder the way Airflow does; not published. Its throwaway DAG is
# test code: never deployed, and no say in what the dags folder is.
from airflow.models import DagBag
from airflow.sdk import DAG


def test_no_import_errors():
    bag = DagBag(dag_folder="dags", include_examples=False)
    assert not bag.import_errors


def test_a_throwaway_dag_builds():
    with DAG("throwaway", schedule=None) as dag:
        pass
    assert dag.dag_id == "throwaway"
