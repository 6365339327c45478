from prefect import flow


@flow(name="data_etl")
def good():
    """The pattern allows `-` or `_` after the prefix."""
