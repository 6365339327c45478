from datetime import datetime

from prefect import flow


@flow
def etl(since: datetime | None = None):
    """Computes the date inside the flow when none is given."""
