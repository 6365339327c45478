from prefect import flow, task


@task(name="load/orders")
def load():
    """A task name is not checked by the flow name rule."""


@flow(name="etl-daily")
def etl():
    """Daily."""
    load()
