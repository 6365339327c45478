import pendulum

from airflow.sdk import DAG

with DAG("moving", schedule="@daily", default_args={"start_date": pendulum.now("UTC")}):
    pass
