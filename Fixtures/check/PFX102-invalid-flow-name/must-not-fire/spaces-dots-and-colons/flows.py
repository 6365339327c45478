from prefect import flow


@flow(name="etl daily: v1.2")
def etl():
    """Daily."""
