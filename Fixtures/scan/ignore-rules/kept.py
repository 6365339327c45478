from prefect import flow


@flow
def kept():
    pass
