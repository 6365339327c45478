from prefect import flow


@flow(description="Vacuum the warehouse")
def vacuum(**options):
    pass
