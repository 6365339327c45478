from prefect import task


@task
def broken(:
    pass
