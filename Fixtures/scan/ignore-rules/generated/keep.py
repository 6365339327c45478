from prefect import flow


@flow
def regenerated_but_kept():
    pass
