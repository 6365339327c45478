from prefect import flow


@flow(name="etl_daily")
def load():
    """Load."""
