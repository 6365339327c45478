from prefect import flow


@flow
def job():
    """First version."""


@flow
def job():
    """Second version wins at import time."""
