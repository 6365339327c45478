from prefect import flow


@flow
def etl(limit: int = 10, *, dry_run=False):
    """One typed, one untyped."""
