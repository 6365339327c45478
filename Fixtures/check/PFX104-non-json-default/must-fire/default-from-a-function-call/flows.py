import os

from prefect import flow


@flow
def etl(folder: str = os.getcwd()):
    """Folder."""
