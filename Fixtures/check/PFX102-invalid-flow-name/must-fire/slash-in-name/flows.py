from prefect import flow


@flow(name="etl/daily")
def etl():
    """Daily."""
