from airflow.sdk import dag


@dag(schedule="@daily", catchup=True)
def catching_up():
    pass


catching_up()
