from prefect import flow


@flow
def unaffected():
    pass
