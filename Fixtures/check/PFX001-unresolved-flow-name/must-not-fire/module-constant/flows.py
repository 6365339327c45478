from prefect import flow

NAME = "etl"


@flow(name=NAME)
def etl():
    pass
