from prefect import flow


@flow
def etl(limit: int = 10):
    """Typed."""
