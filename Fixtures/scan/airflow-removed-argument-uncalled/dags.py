# A removed argument in an @dag function never called: DAG() would raise TypeError
# only when the function is called, so Airflow 3.3.2 still imports the file and
# registers the two other DAGs. acme-scan reports the argument (AFX005) and AFX001.
import pendulum
from airflow.sdk import DAG, dag, task


with DAG("plain_with_before", schedule=None):
    pass


@dag(schedule_interval="@daily", start_date=pendulum.datetime(2024, 1, 1))
def never_called():
    @task
    def step():
        pass

    step()


with DAG("plain_with_after", schedule=None):
    pass
