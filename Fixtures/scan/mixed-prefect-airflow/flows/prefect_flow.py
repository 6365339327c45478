from prefect import flow


@flow(name="nightly-export")
def export(limit: int = 10):
    pass
