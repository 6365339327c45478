from pendulum import datetime

from airflow.sdk import dag, task

from include.regions import REGIONS


@dag(start_date=datetime(2025, 1, 1), schedule="@daily", catchup=False, tags=["sales"])
def sales_report():
    @task
    def build(region: str):
        # Imported when the task runs, on the worker.
        from include.reporting import summarize

        return summarize(region)

    build.expand(region=REGIONS)


sales_report()
