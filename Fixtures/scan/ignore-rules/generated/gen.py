from prefect import flow


@flow
def ignored():
    pass
