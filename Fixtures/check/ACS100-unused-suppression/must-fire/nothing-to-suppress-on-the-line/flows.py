from prefect import flow


@flow(name="fine")  # acme: ignore[PFX102]
def stale():
    """Nothing to suppress here."""
