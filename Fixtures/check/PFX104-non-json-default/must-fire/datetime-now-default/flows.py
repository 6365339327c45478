from datetime import datetime

from prefect import flow


@flow
def etl(since: datetime = datetime.now()):
    """Since."""
