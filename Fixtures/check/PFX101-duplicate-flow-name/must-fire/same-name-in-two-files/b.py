from prefect import flow


@flow(name="etl")
def export():
    """Export."""
