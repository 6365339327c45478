from prefect import flow


@flow(name="data-etl")
def good():
    """Good."""


@flow(name="etl")
def bad():
    """Bad."""
