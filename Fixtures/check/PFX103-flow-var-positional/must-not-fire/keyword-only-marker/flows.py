from prefect import flow


@flow
def etl(*, tables: list[str], limit: int = 10):
    """A bare * only makes the parameters keyword-only."""
