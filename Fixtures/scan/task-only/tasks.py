from prefect import task


@task
def add(a: int, b: int) -> int:
    return a + b
