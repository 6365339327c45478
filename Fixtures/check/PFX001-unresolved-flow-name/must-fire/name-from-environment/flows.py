import os

from prefect import flow


@flow(name=os.environ["NAME"])
def etl():
    pass
