from airflow.sdk import dag


@dag(schedule=None)
def forgotten():
    pass
