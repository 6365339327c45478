from airflow.sdk import dag, task


@dag(schedule=None)
def forgotten():
    @task
    def step():
        pass

    step()


@dag(schedule=None)
def remembered():
    pass


remembered()
