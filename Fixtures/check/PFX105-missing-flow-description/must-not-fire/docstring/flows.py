from prefect import flow


@flow
def documented(limit: int = 1):
    """Loads the orders."""
