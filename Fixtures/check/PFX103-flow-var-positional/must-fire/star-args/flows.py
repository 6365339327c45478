from prefect import flow


@flow
def etl(*tables: str):
    """Tables."""
