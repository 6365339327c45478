from datetime import datetime

from prefect import flow


@flow
def etl(since: datetime = datetime(2024, 1, 1)):
    """Since."""
