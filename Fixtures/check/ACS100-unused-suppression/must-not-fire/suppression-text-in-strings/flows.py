from prefect import flow

HELP = "write # acme: ignore[PFX102] after a flow to silence PFX102"


@flow(name="documented")
def documented():
    """Explains suppressions.

    Put # acme: ignore[PFX102] on the decorator line.
    """
