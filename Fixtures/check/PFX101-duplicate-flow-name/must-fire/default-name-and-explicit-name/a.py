from prefect import flow


@flow
def etl_daily():
    """Prefect names it etl-daily."""
