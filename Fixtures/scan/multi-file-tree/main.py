from prefect import flow


@flow
def entry():
    pass
