from prefect import flow


@flow
def kept_by_negation():
    pass
