from airflow.sdk import task


@task
def fetch():
    return [1]


@task(task_id="clean_rows")
def clean(rows):
    return rows
