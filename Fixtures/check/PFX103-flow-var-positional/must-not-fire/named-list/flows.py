from prefect import flow


@flow
def etl(tables: list[str]):
    """Tables."""
