from prefect import flow, task


@task(name="etl")
def step():
    """A task: task names are not flow names."""


@flow(name="etl")
def etl():
    """Runs the step."""
    step()
