from prefect import flow


@flow
def undocumented(limit: int = 1):
    pass
