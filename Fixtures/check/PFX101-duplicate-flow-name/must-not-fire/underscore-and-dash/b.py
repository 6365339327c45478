from prefect import flow


@flow(name="etl-daily")
def export():
    """Export."""
