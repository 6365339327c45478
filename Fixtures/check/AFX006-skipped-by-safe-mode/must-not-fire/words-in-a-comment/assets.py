# Airflow's safe mode looks for these words: airflow dag.
from airflow.sdk import asset


@asset(schedule=None)
def only_asset():
    pass
