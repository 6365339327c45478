from prefect import flow


@flow
def etl(tables: list[str] = ["orders", "customers"], options: dict = {"limit": -1, "dry_run": False}):
    """Lists, dicts, negative numbers and booleans are JSON."""
