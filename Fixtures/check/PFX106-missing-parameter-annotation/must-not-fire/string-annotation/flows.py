from prefect import flow


@flow
def etl(limit: "int" = 10):
    """A string annotation is an annotation."""
