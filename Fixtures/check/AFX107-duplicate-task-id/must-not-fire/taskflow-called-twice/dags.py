from airflow.sdk import DAG, task

with DAG("twice", schedule=None):

    @task
    def load():
        pass

    load()
    load()  # Airflow names this one load__1
