from prefect import flow


@flow(name="etl")
def load():
    """Load."""
