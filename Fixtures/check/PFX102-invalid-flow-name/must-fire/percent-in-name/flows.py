from prefect import flow


@flow(name="sample-10%")
def sample():
    """Sample."""
