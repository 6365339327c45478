from prefect import flow


@flow
def data_load():
    """Prefect names it data-load."""
