from prefect import flow


@flow
def etl(limit=10):
    """Untyped."""
