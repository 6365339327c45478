from prefect import flow


@flow(name="etl")
def bad():
    """Bad."""
