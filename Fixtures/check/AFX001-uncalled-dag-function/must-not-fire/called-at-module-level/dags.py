from airflow.sdk import dag


@dag(schedule=None)
def remembered():
    pass


remembered()
