from prefect import flow


@flow(name="a/b")  # acme: ignore[PFX102]
def inner(  # acme: ignore[PFX999]
):
    """A code that never fires on this line."""
