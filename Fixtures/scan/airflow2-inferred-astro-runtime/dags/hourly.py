from datetime import datetime, timedelta

from airflow.decorators import dag, task


@dag(schedule_interval=timedelta(hours=1), start_date=datetime(2024, 1, 1), catchup=False)
def hourly_sync():
    @task
    def pull():
        return 1

    pull()


hourly_sync()
