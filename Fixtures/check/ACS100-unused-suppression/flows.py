from prefect import flow


@flow(name="etl/daily")  # acme: ignore[PFX102]
def silenced():
    """The invalid name is suppressed on purpose."""


@flow(name="fine")  # acme: ignore[PFX102]
def stale():
    """Nothing to suppress here."""


@flow(name="a/b")
def inner(  # acme: ignore[PFX999]
):
    """A code that never fires on this line."""
