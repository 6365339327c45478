from prefect import flow


@flow
def nonempty():
    pass
