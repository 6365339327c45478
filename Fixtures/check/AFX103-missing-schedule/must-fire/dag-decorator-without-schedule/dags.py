from airflow.sdk import dag


@dag()
def unscheduled():
    pass


unscheduled()
