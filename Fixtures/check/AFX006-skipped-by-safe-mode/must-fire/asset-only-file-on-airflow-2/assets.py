from airflow.sdk import asset


@asset(schedule=None)
def only_asset():
    pass
