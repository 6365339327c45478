from prefect import flow

PREFIX = "data-"


@flow(name=PREFIX + "etl")
def etl():
    pass
