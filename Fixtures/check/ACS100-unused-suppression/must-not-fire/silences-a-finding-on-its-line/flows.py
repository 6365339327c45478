from prefect import flow


@flow(name="etl/daily")  # acme: ignore[PFX102]
def silenced():
    """The invalid name is suppressed on purpose."""
