from prefect import flow, task


@task
def load(*tables: str):
    """Tasks are called from Python, not by a deployment."""


@flow
def etl(tables: list[str]):
    """Tables."""
    load(*tables)
